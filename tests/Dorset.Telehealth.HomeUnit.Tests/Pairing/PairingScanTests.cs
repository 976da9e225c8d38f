using System;
using System.Linq;
using System.Text;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Pairing;
using Dorset.Telehealth.HomeUnit.Uplink;
using Dorset.Telehealth.Protocol;

namespace Dorset.Telehealth.HomeUnit.Tests.Pairing;

public sealed class PairingScanTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Scan_ReportsHealthDevicesByKind_AndStopsWhenItsTimeIsUp()
    {
        var central = new VirtualBleCentral();
        central.Add(new VirtualGlucoseMeter("C0:26:DA:01:02:03"));
        central.Add(new VirtualScale("D4:36:39:AA:BB:CC") { AddressType = BleAddressType.Random });
        central.Add(new VirtualScale("D4:36:39:AA:BB:DD") { InRange = false });
        var scan = new PairingScan();

        scan.Start(Now, TimeSpan.FromMinutes(2));
        central.StartScan(scan.Observe);

        Assert.Equal(
            [("C0:26:DA:01:02:03", DeviceKind.GlucoseMeter, BleAddressType.Public), ("D4:36:39:AA:BB:CC", DeviceKind.WeightScale, BleAddressType.Random)],
            scan.Candidates().Select(c => (c.Address, c.Kind, c.AddressType)).Order());
        Assert.False(scan.StopIfDue(Now.AddMinutes(1)));
        Assert.True(scan.StopIfDue(Now.AddMinutes(2)));
        Assert.False(scan.IsActive);
    }

    [Fact]
    public void NameSentOnlyInTheScanResponse_IsTheCandidatesName_InWhicheverOrderThePacketsCome()
    {
        var central = new VirtualBleCentral();
        central.Add(new VirtualScale("D4:36:39:AA:BB:CC") { NameInScanResponse = true });
        var afterAdvertisement = new PairingScan();
        var beforeAdvertisement = new PairingScan();
        afterAdvertisement.Start(Now, TimeSpan.FromMinutes(2));
        beforeAdvertisement.Start(Now, TimeSpan.FromMinutes(2));

        central.StartScan(afterAdvertisement.Observe);
        beforeAdvertisement.Observe(new BleAdvertisement("C0:26:DA:01:02:03", BleAddressType.Public, -70, [], "Meter 2"));
        beforeAdvertisement.Observe(new BleAdvertisement("C0:26:DA:01:02:03", BleAddressType.Public, -70, [GattUuids.GlucoseService], null!));

        Assert.Equal("Virtual Scale", Assert.Single(afterAdvertisement.Candidates()).Name);
        Assert.Equal("Meter 2", Assert.Single(beforeAdvertisement.Candidates()).Name);
    }

    [Fact]
    public void AdvertisementsHeardOutsidePairingMode_AreNotCandidates()
    {
        var scan = new PairingScan();

        scan.Observe(new BleAdvertisement("C0:26:DA:01:02:03", BleAddressType.Public, -70, [GattUuids.GlucoseService], "Meter"));

        Assert.Empty(scan.Candidates());
    }

    [Fact]
    public void Status_InPairingMode_ListsTheCandidatesForTheHub()
    {
        var status = new UnitStatus
        {
            State = "online", Firmware = "1.0.0", Battery = 100,
            Candidates = [new PairingCandidate("C0:26:DA:01:02:03", BleAddressType.Random, DeviceKind.GlucoseMeter, -58, "Meter \"2\"")],
        };

        string json = Encoding.UTF8.GetString(status.ToJson());

        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var candidate = doc.RootElement.GetProperty("candidates")[0];
        Assert.Equal("glucose-meter", candidate.GetProperty("kind").GetString());
        Assert.Equal("random", candidate.GetProperty("addressType").GetString());
        Assert.Equal(-58, candidate.GetProperty("rssi").GetInt32());
        Assert.Equal("Meter \"2\"", candidate.GetProperty("name").GetString());
    }
}
