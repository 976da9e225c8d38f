using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Emulator.Host;
using Dorset.Telehealth.Emulator.Units;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Config;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.HomeUnit.Sessions;
using Dorset.Telehealth.Protocol.Contract;
using Microsoft.Extensions.Time.Testing;

namespace Dorset.Telehealth.HomeUnit.Tests.Runtime;

/// <summary>
/// The one run loop (<see cref="HomeUnitRuntime"/>, which the ESP32's Program only composes) driven through the
/// emulated unit against mosquitto: what it does with devices that are away, an adapter that throws, a button pressed
/// during a session, a device that would hold it too long, and a hub CA missing from flash.
/// </summary>
public sealed class HomeUnitRuntimeTests
{
    private const int MeterSlot = 0;
    private const int ScaleSlot = 2;
    private const int CuffSlot = 3;

    [Fact]
    public async Task AbsentDevices_AreNeverDialled_ThePresentOneIsRead_AndAnAbsentOneIsReadOnceItAdvertises()
    {
        using var unit = await UnitOnMosquitto.StartAsync(glucose: 5, spo2: 0, weight: 2, bp: 2);
        unit.Home.Scale.InRange = false;
        unit.Home.Cuff.InRange = false;

        unit.Until(() => unit.Unit.Controller.ReadingsCommitted == 5, "the meter's five records committed");

        // A connect to a device that is away costs the ESP32 up to 30 s with the loop blocked; none was tried.
        Assert.Equal(0, unit.Unit.Radio.Dials(unit.Home.Scale.Address));
        Assert.Equal(0, unit.Unit.Radio.Dials(unit.Home.Cuff.Address));
        Assert.Equal(0, unit.Unit.Radio.ConnectsWhileScanning);
        Assert.Equal(["completed", "unreachable", "unreachable"],
            new[] { unit.Unit.Controller.LastSessionOf(MeterSlot), unit.Unit.Controller.LastSessionOf(ScaleSlot), unit.Unit.Controller.LastSessionOf(CuffSlot) });
        Assert.Equal(2, unit.Home.Scale.Waiting);

        unit.Home.Scale.InRange = true;
        unit.Until(() => unit.Unit.Controller.ReadingsCommitted == 7, "the scale's two weighings committed once it advertised");

        Assert.Equal("completed", unit.Unit.Controller.LastSessionOf(ScaleSlot));
        Assert.Equal(0, unit.Unit.Radio.Dials(unit.Home.Cuff.Address));
        Assert.Equal(0, unit.Unit.Radio.ConnectsWhileScanning);
    }

    [Fact]
    public async Task AdapterThatThrows_EndsThatDevicesAttemptAsUnitFault_WithTheFaultLed_AndTheLoopReadsItOnTheNextPass()
    {
        using var unit = await UnitOnMosquitto.StartAsync(glucose: 4, spo2: 0, weight: 0, bp: 0);
        unit.Unit.Radio.RadioFailures = 1;

        unit.Until(() => unit.Unit.Controller.LastSessionOf(MeterSlot) == "unit-fault", "the meter's attempt ended as a unit fault");

        Assert.Contains("radio: the Bluetooth stack did not start", unit.Unit.Controller.UnitFault, StringComparison.Ordinal);
        Assert.EndsWith("LED Fault", unit.LedLog.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(0, unit.Unit.Controller.ReadingsCommitted);

        unit.Until(() => unit.Unit.Controller.ReadingsCommitted == 4, "the meter read on a later pass");

        Assert.Equal("completed", unit.Unit.Controller.LastSessionOf(MeterSlot));
        Assert.Null(unit.Unit.Controller.UnitFault);
        unit.Until(() => !unit.LedLog.TrimEnd().EndsWith("LED Fault", StringComparison.Ordinal), "the LED off the fault state");
    }

    [Fact]
    public async Task PairingButtonPressedMidSession_IsActedOnAfterTheSession_WhichStillDeliversEveryRecord()
    {
        using var unit = await UnitOnMosquitto.StartAsync(glucose: 8, spo2: 0, weight: 0, bp: 0);
        using var status = await unit.Broker.SubscribeAsync($"dorset/v1/{UnitOnMosquitto.UnitId}/status");
        bool pairingDuringSession = true;
        bool scanningDuringSession = true;
        unit.Unit.Controller.ReadingCommitted += (reading, sequence) =>
        {
            if (unit.Unit.Controller.ReadingsCommitted == 3)
            {
                // The press comes on the GPIO event thread, in the middle of the meter's transfer.
                var gpioThread = new Thread(unit.Unit.Runtime.PressPairingButton);
                gpioThread.Start();
                gpioThread.Join();
                pairingDuringSession = unit.Unit.Controller.IsPairing;
                scanningDuringSession = unit.Unit.Radio.IsScanning;
            }
        };

        unit.Until(() => unit.Unit.Controller.ReadingsCommitted == 8, "every record of the meter committed");
        unit.Until(() => unit.Unit.Controller.IsPairing, "pairing mode");

        Assert.False(pairingDuringSession);
        Assert.False(scanningDuringSession);
        Assert.Equal("completed", unit.Unit.Controller.LastSessionOf(MeterSlot));
        Assert.Equal(0, unit.Unit.Radio.ScansWhileConnected);
        unit.Until(() => UnitOnMosquitto.Statuses(status).Any(json => json.Contains("\"candidates\":[", StringComparison.Ordinal)
            && json.Contains($"{{\"address\":\"{unit.Home.Meter.Address}\",\"addressType\":\"public\",\"kind\":\"glucose-meter\"", StringComparison.Ordinal)),
            "the meter reported as a pairing candidate");
    }

    [Fact]
    public async Task DeviceThatWouldHoldTheUnitPastItsBudget_IsCutOff_TheNextDeviceIsStillRead_AndTheMeterResumesLater()
    {
        using var unit = await UnitOnMosquitto.StartAsync(glucose: 50, spo2: 0, weight: 1, bp: 0);
        // Each record takes the meter a second to send: 50 records would hold the unit past its 30 s budget.
        unit.Unit.Controller.ReadingCommitted += (reading, sequence) =>
        {
            if (reading.Slot == MeterSlot)
            {
                unit.Time.Advance(TimeSpan.FromSeconds(1));
            }
        };

        unit.Until(() => unit.Unit.Controller.LastSessionOf(ScaleSlot) == "completed", "the scale read in the same pass");

        Assert.Equal("timed-out", unit.Unit.Controller.LastSessionOf(MeterSlot));
        Assert.InRange(unit.Unit.Controller.ReadingsCommitted - 1, 25, 35);

        unit.Until(() => unit.Home.AllCommitted, "the rest of the meter's records on later passes");

        // Exactly 51: nothing the cut-off session left on the meter was lost, and nothing it committed came twice.
        Assert.Equal("completed", unit.Unit.Controller.LastSessionOf(MeterSlot));
        Assert.Equal(51, unit.Unit.Controller.ReadingsCommitted);
    }

    [Theory]
    [InlineData(null, "hub-ca.pem is missing or unreadable (hardware/FLASHING.md step 6)")]
    [InlineData("not a certificate", "hub-ca.pem is not a usable certificate: ")]
    public void HubCaMissingOrNotACertificate_IsTheFaultState_WithNoConnectAndNoRead(string? caOnFlash, string fault)
    {
        string flashDirectory = Path.Combine(Path.GetTempPath(), "dorset-unit-" + Guid.NewGuid().ToString("N"));
        var flash = new DirectoryFlash(flashDirectory);
        flash.Write(UnitFiles.Config, System.Text.Encoding.UTF8.GetBytes(
            """{"unitId":"unit-0001","mqtt":{"host":"127.0.0.1","port":8883,"tls":true,"caFile":"hub-ca.pem","password":"unit-0001-secret-0123"}}"""));
        if (caOnFlash != null)
        {
            flash.Write("hub-ca.pem", System.Text.Encoding.ASCII.GetBytes(caOnFlash));
        }

        var options = new EmulatedUnitOptions("127.0.0.1", 8883, "unit-0001", "unit-0001-secret-0123", flashDirectory, null, 3, 0, 0, 0, 1, ReadingScript.DefaultWeekEnd);
        var led = new StringWriter();
        using var unit = new EmulatedUnit(options, led, flash, new VirtualHome("unit-0001", flashDirectory, 3, 0, 0, 0, seed: 1), new FakeTimeProvider());

        Assert.False(unit.Start());
        for (int turn = 0; turn < 5; turn++)
        {
            unit.RunOnce();
        }

        Assert.StartsWith(fault, unit.Runtime.Fault, StringComparison.Ordinal);
        Assert.EndsWith("unit-0001: LED Fault", led.ToString().TrimEnd(), StringComparison.Ordinal);
        Assert.Null(unit.Controller);
        Assert.Equal(0, unit.Radio.Connections);
        Directory.Delete(flashDirectory, recursive: true);
    }

    [Fact]
    public async Task FactoryReset_HeldOnItsEventThread_IsDoneByTheLoop_KeepsTheOutbox_AndTheRestartedUnitWaitsForANewConfig()
    {
        using var unit = await UnitOnMosquitto.StartAsync(glucose: 3, spo2: 0, weight: 0, bp: 0);
        unit.Until(() => unit.Unit.Controller.ReadingsCommitted == 3, "the meter read");
        var flash = new DirectoryFlash(unit.Flash);
        Assert.True(flash.Exists(DeviceProgress.FileName));

        var buttonThread = new Thread(unit.Unit.Runtime.RequestFactoryReset);
        buttonThread.Start();
        buttonThread.Join();
        Assert.True(flash.Exists(UnitFiles.Config));
        unit.Until(() => unit.Unit.RestartRequested, "the restart the reset asks for");

        Assert.False(flash.Exists(UnitFiles.Config));
        Assert.False(flash.Exists(DeviceProgress.FileName));
        Assert.True(flash.Exists(ReadingOutbox.FileName));
        var restarted = new EmulatedUnit(unit.Unit.Options, null, flash, unit.Home, unit.Time);
        Assert.False(restarted.Start());
        Assert.StartsWith("unit-config.json is missing", restarted.Runtime.Fault, StringComparison.Ordinal);
        restarted.Dispose();
    }
}
