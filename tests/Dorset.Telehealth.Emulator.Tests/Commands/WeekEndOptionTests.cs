using System.Threading.Tasks;

namespace Dorset.Telehealth.Emulator.Tests.Commands;

/// <summary>`--week-end` on `unit` and `fleet`, checked on the real executable: a civil date-time or exit 2 with one line.</summary>
public class WeekEndOptionTests
{
    [Theory]
    [InlineData("unit", "2026-13-01T09:00:00")]
    [InlineData("unit", "2026-12-01 09:00")]
    [InlineData("fleet", "tomorrow")]
    [InlineData("fleet", "2026-12-01T09:00:00Z")]
    public async Task WeekEnd_NotACivilDateTime_ExitsTwoWithOneStderrLine(string verb, string weekEnd)
    {
        string[] args = verb == "unit"
            ? ["unit", "--unit-id", "unit-0001", "--glucose", "1", "--print-pairing", "--week-end", weekEnd]
            : ["fleet", "--broker", "127.0.0.1:1", "--credentials", "no-such-file", "--state-dir", "no-such-dir", "--week-end", weekEnd];
        using var emulator = EmulatorProcess.Start(args);

        Assert.Equal(2, await emulator.WaitForExitAsync(EmulatorProcess.Timeout));
        Assert.Equal("", emulator.StandardOutput);
        Assert.Equal($"{verb}: --week-end must be a civil date-time such as 2026-12-01T09:00:00", emulator.StandardError.TrimEnd());
    }

    [Theory]
    [InlineData("2026-12-01T09:00:00")]
    [InlineData("2026-12-01T09:00")]
    public async Task WeekEnd_CivilDateTime_IsAccepted(string weekEnd)
    {
        using var emulator = EmulatorProcess.Start(["unit", "--unit-id", "unit-0001", "--glucose", "1", "--print-pairing", "--week-end", weekEnd]);

        Assert.Equal(0, await emulator.WaitForExitAsync(EmulatorProcess.Timeout));
        Assert.StartsWith("0 C0:", emulator.StandardOutput);
    }
}
