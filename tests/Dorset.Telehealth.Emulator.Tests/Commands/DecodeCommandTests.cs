using System;
using System.Text.Json;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Emulator.Tests.Commands;

/// <summary>The `decode` verb's contract, checked on the real executable: exit codes and the stdout/stderr split.</summary>
public class DecodeCommandTests
{
    [Theory]
    [InlineData("battery-level", "64")]
    [InlineData("2A19", "64")]
    [InlineData("0x2a19", "64")]
    public async Task Decode_WellFormedValue_PrintsOneJsonObjectAndExitsZero(string characteristic, string hex)
    {
        using var emulator = EmulatorProcess.Start(["decode", characteristic, hex]);

        int exit = await emulator.WaitForExitAsync(EmulatorProcess.Timeout);

        Assert.Equal(0, exit);
        var lines = emulator.StandardOutput.TrimEnd().Split('\n');
        Assert.Single(lines);
        using var json = JsonDocument.Parse(lines[0]);
        Assert.Equal(100, json.RootElement.GetProperty("level").GetInt32());
        Assert.Equal("", emulator.StandardError);
    }

    [Fact]
    public async Task Decode_HexWithSpacesAndColons_IsAccepted()
    {
        using var emulator = EmulatorProcess.Start(["decode", "date-time", "e2:07 04:11", "0f 33 00"]);

        Assert.Equal(0, await emulator.WaitForExitAsync(EmulatorProcess.Timeout));
        Assert.Contains("\"time\":\"2018-04-17T15:51:00\"", emulator.StandardOutput);
    }

    [Theory]
    [InlineData("battery-level", "65", "battery-level: level 101 is out of range")]
    [InlineData("date-time", "e20704110f33", "date-time: date-time need 7 bytes, got 6")]
    [InlineData("battery-level", "6", "battery-level: hex: odd number of digits")]
    [InlineData("no-such-thing", "00", "no-such-thing: unknown characteristic")]
    public async Task Decode_Malformed_ExitsTwoWithOneStderrLineAndNothingOnStdout(string characteristic, string hex, string message)
    {
        using var emulator = EmulatorProcess.Start(["decode", characteristic, hex]);

        int exit = await emulator.WaitForExitAsync(EmulatorProcess.Timeout);

        Assert.Equal(2, exit);
        Assert.Equal("", emulator.StandardOutput);
        var stderr = emulator.StandardError.TrimEnd().Split('\n');
        Assert.Single(stderr);
        Assert.StartsWith(message, stderr[0]);
    }

    [Fact]
    public async Task Decode_StdinLines_WritesOneObjectPerLineAndCarriesOnPastBadOnes()
    {
        const string input = "battery-level 64\nbattery-level 65\n\ndate-time e20704110f3300\n";
        using var emulator = EmulatorProcess.Start(["decode", "-"], stdin: input);

        Assert.Equal(0, await emulator.WaitForExitAsync(EmulatorProcess.Timeout));

        var lines = emulator.StandardOutput.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(100, JsonDocument.Parse(lines[0]).RootElement.GetProperty("level").GetInt32());
        var bad = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("battery-level", bad.GetProperty("characteristic").GetString());
        Assert.Contains("out of range", bad.GetProperty("error").GetString());
        Assert.Equal("2018-04-17T15:51:00", JsonDocument.Parse(lines[2]).RootElement.GetProperty("time").GetString());
    }

    [Fact]
    public async Task Decode_Help_DescribesTheVerbAndExitsZero()
    {
        using var emulator = EmulatorProcess.Start(["decode", "--help"]);

        Assert.Equal(0, await emulator.WaitForExitAsync(EmulatorProcess.Timeout));
        Assert.Contains("characteristic", emulator.StandardOutput);
        Assert.Contains("battery-level", emulator.StandardOutput);
    }
}
