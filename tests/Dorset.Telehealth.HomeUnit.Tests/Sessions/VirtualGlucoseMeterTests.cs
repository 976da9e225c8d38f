using System.Collections.Generic;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.RecordAccess;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.HomeUnit.Tests.Sessions;

/// <summary>The virtual meter's own GLS/RACP behaviour, so that session tests stand on a meter that follows the spec.</summary>
public sealed class VirtualGlucoseMeterTests
{
    private readonly VirtualGlucoseMeter _meter = new("C0:26:DA:01:02:03");
    private readonly List<(ushort Characteristic, byte[] Value)> _received = [];

    public VirtualGlucoseMeterTests()
    {
        for (int i = 1; i <= 4; i++)
        {
            _meter.Store(new GlucoseMeasurement { Sequence = i, BaseTime = new DeviceTime(2026, 1, 1, 8, i, 0), HasConcentration = true, Concentration = new MedicalFloat(100 + i, -5), Type = 1, Location = 1 });
        }

        _meter.Accept();
    }

    private void SubscribeAll()
    {
        foreach (ushort c in new[] { GattUuids.GlucoseMeasurement, GattUuids.GlucoseMeasurementContext, GattUuids.RecordAccessControlPoint })
        {
            Assert.True(_meter.Subscribe(GattUuids.GlucoseService, c, c == GattUuids.RecordAccessControlPoint, (ch, v) => _received.Add((ch, v))));
        }
    }

    private byte[] LastRacp() => _received.FindLast(r => r.Characteristic == GattUuids.RecordAccessControlPoint).Value;

    [Fact]
    public void RacpWrite_WithIndicationsOff_Fails()
    {
        Assert.False(_meter.Write(GattUuids.GlucoseService, GattUuids.RecordAccessControlPoint, RacpEncoder.ReportAll()));
    }

    [Theory]
    [InlineData("0101", 4, "06000101")]
    [InlineData("0103010300", 2, "06000101")]
    [InlineData("0102010200", 2, "06000101")]
    [InlineData("0104010200 0300", 2, "06000101")]
    [InlineData("0105", 1, "06000101")]
    [InlineData("0106", 1, "06000101")]
    [InlineData("0103010900", 0, "06000106")]
    [InlineData("0107", 0, "06000103")]
    [InlineData("0103030100", 0, "06000109")]
    [InlineData("0900", 0, "06000902")]
    public void Report_SendsTheSelectedRecords_ThenTheSpecResponseCode(string request, int records, string response)
    {
        SubscribeAll();

        Assert.True(_meter.Write(GattUuids.GlucoseService, GattUuids.RecordAccessControlPoint, System.Convert.FromHexString(request.Replace(" ", string.Empty))));

        Assert.Equal(records, _received.FindAll(r => r.Characteristic == GattUuids.GlucoseMeasurement).Count);
        Assert.Equal(response, System.Convert.ToHexString(LastRacp()));
    }

    [Fact]
    public void Count_ReportsTheNumberOfRecords()
    {
        SubscribeAll();

        _meter.Write(GattUuids.GlucoseService, GattUuids.RecordAccessControlPoint, RacpEncoder.ReportNumberOfAllRecords());

        Assert.Equal("05000400", System.Convert.ToHexString(LastRacp()));
    }

    [Fact]
    public void AbortMidTransfer_StopsTheStream_AndAnswersTheAbort()
    {
        _meter.Subscribe(GattUuids.GlucoseService, GattUuids.RecordAccessControlPoint, true, (ch, v) => _received.Add((ch, v)));
        _meter.Subscribe(GattUuids.GlucoseService, GattUuids.GlucoseMeasurement, false, (ch, v) =>
        {
            _received.Add((ch, v));
            if (_received.Count == 2)
            {
                _meter.Write(GattUuids.GlucoseService, GattUuids.RecordAccessControlPoint, RacpEncoder.Abort());
            }
        });

        _meter.Write(GattUuids.GlucoseService, GattUuids.RecordAccessControlPoint, RacpEncoder.ReportAll());

        Assert.Equal(2, _received.FindAll(r => r.Characteristic == GattUuids.GlucoseMeasurement).Count);
        Assert.Equal("06000301", System.Convert.ToHexString(LastRacp()));
    }

    [Fact]
    public void Delete_RemovesTheSelectedRecords()
    {
        SubscribeAll();

        _meter.Write(GattUuids.GlucoseService, GattUuids.RecordAccessControlPoint, System.Convert.FromHexString("0202010200"));

        Assert.Equal(2, _meter.Records.Count);
        Assert.Equal("06000201", System.Convert.ToHexString(LastRacp()));
    }
}
