using System;
using Dorset.Telehealth.Gateway.Ingest;

namespace Dorset.Telehealth.Gateway.Tests.Ingest;

public sealed class RulesTests
{
    private static IncomingReading Reading(string kind, params (string Name, string Value, string Unit)[] values)
    {
        return new IncomingReading(1, 0, 1, kind, Array.ConvertAll(values, v => new ReadingValue(v.Name, v.Value, v.Unit)), Array.Empty<string>(), 0,
            "2026-11-24T08:00:00", "2026-11-24T08:00:05Z", true);
    }

    [Theory]
    [InlineData("spo2", "130", "%")]
    [InlineData("spo2", "12", "%")]
    [InlineData("glucose", "88", "mmol/L")]
    [InlineData("weight", "0.4", "kg")]
    [InlineData("pulse", "900", "/min")]
    [InlineData("systolic", "NaN", "mmHg")]
    public void Plausibility_OutOfRange_IsFlaggedNamingTheValue(string name, string value, string unit)
    {
        string? reason = PlausibilityRules.Check(Reading("x", (name, value, unit)), DateTimeOffset.Parse("2026-11-24T09:00:00Z"));

        Assert.NotNull(reason);
        Assert.Contains(name, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spo2", "97", "%")]
    [InlineData("glucose", "5.4", "mmol/L")]
    [InlineData("glucose", "97", "mg/dL")]
    [InlineData("weight", "81.35", "kg")]
    [InlineData("systolic", "128", "mmHg")]
    public void Plausibility_NormalValue_IsNotFlagged(string name, string value, string unit)
    {
        Assert.Null(PlausibilityRules.Check(Reading("x", (name, value, unit)), DateTimeOffset.Parse("2026-11-24T09:00:00Z")));
    }

    [Fact]
    public void Plausibility_UnitClockFarInTheFuture_IsFlagged()
    {
        var reading = Reading("weight", ("weight", "80", "kg")) with { UnitReceiptTime = "2027-01-01T00:00:00Z" };

        Assert.Contains("future", PlausibilityRules.Check(reading, DateTimeOffset.Parse("2026-11-24T09:00:00Z")), StringComparison.Ordinal);
    }
}
