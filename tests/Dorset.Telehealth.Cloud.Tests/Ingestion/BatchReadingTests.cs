using System;
using System.Text;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Tests.Fixtures;

namespace Dorset.Telehealth.Cloud.Tests.Ingestion;

public sealed class BatchReadingTests
{
    [Theory]
    [InlineData(88L, "2026-11-24T08:15:00", "unit-0042/1017/C0:26:DA:01:02:03/s88")]
    [InlineData(null, "2026-11-24T07:02:11", "unit-0042/1017/C0:26:DA:01:02:03/t2026-11-24T07:02:11")]
    [InlineData(null, null, "unit-0042/1017/C0:26:DA:01:02:03/-")]
    [InlineData(0L, null, "unit-0042/1017/C0:26:DA:01:02:03/s0")]
    public void KeyOf_ReadmeExamples_CanonicalString(long? deviceSequence, string? deviceTime, string expected)
    {
        Assert.Equal(expected, BatchReading.KeyOf("unit-0042", 1017, "C0:26:DA:01:02:03", deviceSequence, deviceTime));
    }

    [Fact]
    public void ContentHash_FlagsInAnyOrderAndGatewayFieldsDiffer_Equal()
    {
        BatchReading a = Parse(Batches.Glucose("u1", 1, flags: new[] { "high", "demo" }));
        var other = Batches.Glucose("u1", 1, gatewayReceivedAt: "2026-11-25T00:00:00Z", flags: new[] { "demo", "high" });
        other["gatewayNote"] = "a note";
        BatchReading b = Parse(other);

        Assert.Equal(a.ContentHash(), b.ContentHash());
        Assert.Equal(new[] { "demo", "high" }, b.Flags);
    }

    [Fact]
    public void ContentHash_SameReading_SameHashAsEarlierVersionsStored()
    {
        // Hashes are stored with each reading and compared on every re-send: a change to the hashed bytes would turn
        // every later duplicate into a key-conflict. These values were computed by the first implementation.
        BatchReading glucose = Parse(Batches.Glucose("u1", 1, flags: new[] { "high", "demo" }));
        BatchReading weight = Parse(Batches.Reading("u1", 2, "weight", "weight-scale", "D4:36:39:AA:BB:CC", null, null, new[] { ("weight", "80", "kg") }));

        Assert.Equal("72ce91d639a2aed31e84392d0dc48c0b1fe9f6592d8498e247ed54f432cdc1cf", glucose.ContentHash());
        Assert.Equal("24d6505805edae73cf8ab6b83035e2635a94deefc6fe90fd86e0fa78b14c3b38", weight.ContentHash());
    }

    [Fact]
    public void ContentHash_ValueTextDiffers_Different()
    {
        // "5.4" and "5.40" are the same number but not the same report: the device sent different text.
        Assert.NotEqual(Parse(Batches.Glucose("u1", 1, mmol: "5.4")).ContentHash(), Parse(Batches.Glucose("u1", 1, mmol: "5.40")).ContentHash());
    }

    [Theory]
    [InlineData(true, "2026-11-24T08:17:03Z", "2026-11-24T08:15:00+00:00", EffectiveTimeSource.Device)]
    [InlineData(false, "2026-11-24T08:17:03Z", "2026-11-24T08:17:04.12+00:00", EffectiveTimeSource.GatewayReceipt)]
    public void Effective_ClockState_PicksTrustedTime(bool synchronised, string receivedAt, string expected, EffectiveTimeSource source)
    {
        BatchReading r = Parse(Batches.Glucose("u1", 1, clockSynchronised: synchronised, receivedAt: receivedAt));

        var (time, actualSource) = r.Effective();

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
        Assert.Equal(source, actualSource);
    }

    [Fact]
    public void Effective_NoDeviceTimeSynchronisedUnit_UnitReceiptTime()
    {
        var json = Batches.Reading("u1", 1, "weight", "weight-scale", "D4:36:39:AA:BB:CC", null, null, new[] { ("weight", "80", "kg") });

        var (time, source) = Parse(json).Effective();

        Assert.Equal(EffectiveTimeSource.UnitReceipt, source);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 17, 3, TimeSpan.Zero), time);
    }

    [Theory]
    [InlineData("2026-07-01T12:00:00", 1)] // BST
    [InlineData("2026-12-01T12:00:00", 0)] // GMT
    [InlineData("2026-03-29T01:30:00", 0)] // spring-forward gap: the device has not changed yet, read as GMT
    [InlineData("2026-10-25T01:30:00", 1)] // autumn repeated hour: the earlier (BST) instant
    public void UkCivilTime_ToOffset_UkRules(string local, int offsetHours)
    {
        Assert.Equal(TimeSpan.FromHours(offsetHours), UkCivilTime.ToOffset(local).Offset);
    }

    [Fact]
    public void TryParse_GlucoseInMgPerDlOnly_Accepted()
    {
        var json = Batches.Reading("u1", 1, "glucose", "glucose-meter", "C0:26:DA:01:02:03", 5, null, new[] { ("glucose", "97", "mg/dL") });

        Assert.Equal("mg/dL", Parse(json).Values[0].Unit);
    }

    [Fact]
    public void TryParse_ErrorRecordWithoutValues_Accepted()
    {
        var json = Batches.Reading("u1", 1, "glucose", "glucose-meter", "C0:26:DA:01:02:03", 5, null, Array.Empty<(string, string, string)>(), flags: "error-record");

        Assert.Empty(Parse(json).Values);
    }

    [Theory]
    [InlineData("[]", "$", "the body must be a JSON object")]
    [InlineData("{}", "readings", "readings must be an array")]
    [InlineData("{\"readings\":[]}", "readings", "readings must hold 1..500 items, got 0")]
    [InlineData("{\"gatewayId\":5,\"readings\":[{}]}", "gatewayId", "gatewayId must be a string or null")]
    [InlineData("{\"readings\":[7]}", "readings[0]", "each reading must be a JSON object")]
    public void TryParse_BadShape_FailsNamingField(string body, string field, string detail)
    {
        Assert.False(BatchParser.TryParse(Encoding.UTF8.GetBytes(body), 500, out _, out BatchError? error));
        Assert.Equal(field, error!.Field);
        Assert.Equal(detail, error.Detail);
    }

    [Theory]
    [InlineData("{\"gatewayId\":\"gw-\xFF\",\"readings\":[{}]}")]
    [InlineData("{\"readings\":[{\"key\":\"\xC3\"}]}")]
    public void TryParse_InvalidUtf8InAString_IsRefusedNotThrown(string latin1Body)
    {
        // Found by fuzzing (tests/Dorset.Telehealth.Fuzz, cloud-readings-batch): JsonDocument accepts the bytes and
        // GetString() then threw, a 500 for a malformed body. Latin-1 here is just a way of writing raw bytes.
        byte[] body = Encoding.Latin1.GetBytes(latin1Body);

        Assert.False(BatchParser.TryParse(body, 500, out _, out BatchError? readingsError));
        Assert.False(AlertBatchParser.TryParse(body, 200, out _, out BatchError? alertsError));
        Assert.Equal(("$", "the body is not valid UTF-8 (RFC 8259 §8.1)"), (readingsError!.Field, readingsError.Detail));
        Assert.Equal(readingsError, alertsError);
    }

    [Theory]
    [InlineData("{\"readings\":[{\"key\":\"\\ud800\"}]}")]
    [InlineData("{\"readings\":[{\"\\udc00\":1}]}")]
    public void TryParse_LoneSurrogateEscape_IsRefusedNotThrown(string body)
    {
        // Found by fuzzing (cloud-readings-batch, 1M executions): valid UTF-8 and valid JSON syntax, but the escape
        // names half a UTF-16 pair, and GetString() or TryGetProperty threw InvalidOperationException (a 500).
        byte[] bytes = Encoding.UTF8.GetBytes(body);

        Assert.False(BatchParser.TryParse(bytes, 500, out _, out BatchError? readingsError));
        Assert.False(AlertBatchParser.TryParse(bytes, 200, out _, out BatchError? alertsError));
        Assert.Equal(("$", "a string escapes half of a UTF-16 surrogate pair"), (readingsError!.Field, readingsError.Detail));
        Assert.Equal(readingsError, alertsError);
    }

    private static BatchReading Parse(System.Text.Json.Nodes.JsonObject reading)
    {
        bool ok = BatchParser.TryParse(Encoding.UTF8.GetBytes(Batches.Body(null, reading)), 500, out ParsedBatch? batch, out BatchError? error);
        Assert.True(ok, error?.Detail);
        return batch!.Readings[0];
    }
}
