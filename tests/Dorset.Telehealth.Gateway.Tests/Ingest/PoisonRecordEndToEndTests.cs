using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Emulator.Units;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.HomeUnit.Storage;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Ingest;

/// <summary>
/// A poison record end to end (firmware/PROTOCOL.md "Poison records"): an emulated unit, the real HomeUnitRuntime,
/// whose outbox holds a stored frame it cannot decode ahead of a meter's records, against the real gateway. The record
/// goes to the unit's dead-letter file and its count to the status, the meter's records behind it reach the hub, and
/// the hub lists the unit under attention on the Units page, the Overview and in the CLI's status.
/// </summary>
public sealed class PoisonRecordEndToEndTests
{
    private const string UnitId = "unit-0042";
    private const string Password = "correct horse battery";

    [Fact]
    public async Task StoredFrameTheUnitCannotDecode_IsDeadLettered_TheRestFlow_AndTheHubShowsItUnderAttention()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add(UnitId, "case-42");
        using var state = new TempDirectory();
        var options = new EmulatedUnitOptions("127.0.0.1", host.MqttPort, UnitId, secret, state.Path, null, 3, 0, 0, 0, 7, ReadingScript.DefaultWeekEnd);
        var home = new VirtualHome(UnitId, state.Path, 3, 0, 0, 0, new ReadingScript(7, ReadingScript.DefaultWeekEnd));
        host.Units.SetConfig(UnitId, home.ConfigJson());
        IFlashStorage flash = EmulatedUnit.Provision(options);
        // What a firmware fault leaves at the head of the outbox: a CRC-intact entry that is no frame.
        ReadingOutbox.Open(flash, 512).Append([0x09, 0xFF, 0x00], deviceKeepsRecords: false, out _);

        using (var unit = new EmulatedUnit(options, null, flash, home, TimeProvider.System))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await Task.Run(() => unit.Run(exitWhenDrained: true, timeout.Token));
            Assert.True(unit.Drained, "the unit never drained: " + unit.Summary());
            Assert.Equal(1, unit.Controller.DeadLettered);
            await Eventually.TrueAsync(() => host.Units.Find(UnitId)!.Attention != null, TimeSpan.FromSeconds(15), "the status with deadLettered reaches the hub");
        }

        var stored = host.Readings.Export(UnitId, null).ToList();
        Assert.Equal(3, stored.Count);
        Assert.All(stored, r => Assert.Equal(home.Meter.Address, r.DeviceAddress));
        const string attention = "1 reading(s) dead-lettered on the unit";
        Assert.StartsWith(attention, host.Units.Find(UnitId)!.Attention, StringComparison.Ordinal);

        host.Services.GetRequiredService<HubUserStore>().Add("nurse.jones", HubRoles.Staff, Password, "test", DateTimeOffset.UtcNow);
        using var browser = new ConsoleBrowser(host);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync("nurse.jones", Password)).Status);
        Assert.Contains(attention, (await browser.GetAsync("/units")).Html, StringComparison.Ordinal);
        Assert.Contains(attention, (await browser.GetAsync("/")).Html, StringComparison.Ordinal);

        var (code, stdout, stderr) = await GatewayProcess.RunAsync("status", "--data-dir", host.DataDir);
        Assert.True(code == 0, stderr);
        Assert.Contains("dead-lettered", stdout, StringComparison.Ordinal);
    }
}
