using System.Linq;
using System.Text.Json;
using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using BatchError = Dorset.Telehealth.Cloud.Ingestion.BatchError;
using BatchParser = Dorset.Telehealth.Cloud.Ingestion.BatchParser;
using ParsedBatch = Dorset.Telehealth.Cloud.Ingestion.ParsedBatch;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// The gateway and the cloud share only the documented readings contract (cloud/README.md): this holds the JSON the
/// gateway's forwarder writes equal to what the cloud's parser reads, for the fields most likely to drift: the glucose
/// context (every part, in its units), a reading without one, and the flags the hub adds (clock-fault, implausible).
/// </summary>
public sealed class ReadingContractTests
{
    private static ExportedReading Glucose(long id, GlucoseContextReport? context, params string[] flags) => new(
        id, "unit-0001", 0, 88 + id, 1016 + id, "glucose", [new ReadingValue("glucose", "5.4", "mmol/L")], flags, "capillary-whole-blood", "finger",
        "C0:26:DA:01:02:03", "glucose-meter", 0, flags.Contains("clock-fault") ? null : "2026-11-24T08:15:00", "2026-11-24T08:17:03Z", true,
        "2026-11-24T08:17:04.1200000Z", null, false, null)
    {
        GlucoseContext = context,
    };

    [Fact]
    public void TheGatewaysBatch_IsReadByTheCloudWithEveryContextPartIntact()
    {
        var full = new GlucoseContextReport("preprandial", "self", "none", new ContextExercise(65535, null),
            new ContextAmount("rapid-acting-insulin", "0.04", "mL"), new ContextAmount(null, "45", "g"), new ContextAmount(null, "6.5", "%"));
        var mealOnly = new GlucoseContextReport("postprandial", null, null, null, null, null, null);
        ExportedReading[] stored = [Glucose(1, full), Glucose(2, mealOnly, "clock-fault"), Glucose(3, null)];
        var request = new CloudBatchContract.BatchRequest("gw-weymouth", stored.Select(r => CloudBatchContract.ToItem(r)!).ToList());
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, CloudJson.Default.BatchRequest);

        bool parsed = BatchParser.TryParse(body, 500, out ParsedBatch? batch, out BatchError? error);

        Assert.True(parsed, error?.ToString());
        var cloud = batch!.Readings;
        Assert.Equal(stored.Select(r => CloudBatchContract.KeyOf(r)), cloud.Select(r => r.Key));
        var c = cloud[0].Context!;
        Assert.Equal(("preprandial", "self", "none"), (c.Meal, c.Tester, c.Health));
        Assert.Equal((65535, (int?)null), (c.Exercise!.DurationSeconds, c.Exercise.IntensityPercent));
        Assert.Equal(("rapid-acting-insulin", "0.04", "mL"), (c.Medication!.Type, c.Medication.Value, c.Medication.Unit));
        Assert.Equal(((string?)null, "45", "g"), (c.Carbohydrate!.Type, c.Carbohydrate.Value, c.Carbohydrate.Unit));
        Assert.Equal(("6.5", "%"), (c.HbA1c!.Value, c.HbA1c.Unit));
        Assert.Equal(("postprandial", (string?)null), (cloud[1].Context!.Meal, cloud[1].Context!.Tester));
        Assert.Equal(["clock-fault"], cloud[1].Flags);
        Assert.Null(cloud[2].Context);
        Assert.DoesNotContain("\"context\"", JsonSerializer.Serialize(request.Readings[2], CloudJson.Default.BatchRequest.Options), System.StringComparison.Ordinal);
    }
}
