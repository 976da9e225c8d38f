using System.IO;
using System.Threading.Tasks;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.HomeUnit.Tests.Runtime;

/// <summary>
/// HAZARD-LOG.md H29, bond lost at reboot: a meter that demands a bond, bonded once while in pairing mode, must still
/// be read after the unit loses power, without the patient pairing it again. The unit keeps its side of the bond on
/// flash, as NimBLE does on the ESP32_BLE_REV0 image; the second test shows what the same power cut does to a unit that
/// keeps bonds in RAM only, as ESP32_BLE_REV3 does.
/// </summary>
public sealed class BondPersistenceTests
{
    private const int MeterSlot = 0;

    [Fact]
    public async Task MeterThatDemandsABond_IsStillReadAfterTheUnitRestarts()
    {
        using var unit = await BondedMeterAsync();

        unit.Restart();
        unit.Home.Meter.Store(NewRecord(unit));
        unit.Until(() => unit.Unit.Controller.ReadingsCommitted == 1, "the record taken after the power cut committed");

        Assert.Equal("completed", unit.Unit.Controller.LastSessionOf(MeterSlot));
        Assert.Equal(1, unit.Home.Meter.BondsMade);
    }

    [Fact]
    public async Task BondsInRamOnly_TheSameRestart_LeavesTheMeterUnread()
    {
        using var unit = await BondedMeterAsync();

        // What ESP32_BLE_REV3 does at every power cut: the unit's side of the bond is gone.
        File.Delete(Path.Combine(unit.Flash, BondStore.FileName));
        unit.Restart();
        unit.Home.Meter.Store(NewRecord(unit));
        unit.Until(() => unit.Unit.Controller.LastSessionOf(MeterSlot) == "bond-failed", "the meter refusing the unit");

        Assert.Equal(0, unit.Unit.Controller.ReadingsCommitted);
        Assert.Equal(1, unit.Home.Meter.BondsMade);
    }

    /// <summary>A unit that has read a bonding meter once; the patient has since taken the meter out of pairing mode.</summary>
    private static async Task<UnitOnMosquitto> BondedMeterAsync()
    {
        var unit = await UnitOnMosquitto.StartAsync(glucose: 3, spo2: 0, weight: 0, bp: 0, home =>
            $$$"""{"devices":[{"slot":0,"address":"{{{home.Meter.Address}}}","kind":"glucose-meter","needsBond":true}],"settings":{}}""");
        unit.Home.Meter.RequiresBond = true;
        unit.Until(() => unit.Home.AllCommitted, "the meter's records committed over the bond");
        Assert.Equal(1, unit.Home.Meter.BondsMade);
        unit.Home.Meter.AcceptsNewBond = false;
        return unit;
    }

    private static GlucoseMeasurement NewRecord(UnitOnMosquitto unit) => new()
    {
        Sequence = unit.Home.Meter.Records.Count + 1,
        BaseTime = new DeviceTime(2026, 11, 24, 8, 30, 0),
        HasConcentration = true,
        Concentration = new MedicalFloat(110, -5),
        Type = 1,
        Location = 1,
    };
}
