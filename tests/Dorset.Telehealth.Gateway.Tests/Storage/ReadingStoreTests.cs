using Dorset.Telehealth.TestSupport;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.Protocol.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Storage;

/// <summary>The readings store's time-window query behind the console's patient page.</summary>
public sealed class ReadingStoreTests
{
    [Fact]
    public async Task TakenBetween_IsOneUnitsReadingsOfEveryKindTakenInTheWindow_OldestFirst()
    {
        await using var host = AlertHost.Start();
        var weight = UplinkFrames.WeightReading("80.2", null);
        weight.DeviceTime = new DeviceTime(2026, 11, 22, 7, 30, 0);
        await host.PublishAsync("unit-a", "case-17", UplinkFrames.Frame(1,
            UplinkFrames.GlucoseReading(1, "5.1", deviceTime: new DeviceTime(2026, 11, 20, 8, 0, 0)),
            UplinkFrames.GlucoseReading(2, "6.2", deviceTime: new DeviceTime(2026, 11, 23, 8, 0, 0)),
            weight,
            UplinkFrames.GlucoseReading(3, "7.3", deviceTime: new DeviceTime(2026, 11, 21, 8, 0, 0))));
        await host.PublishAsync("unit-b", "case-18", UplinkFrames.Glucose(1, 1, "9.9"));
        var store = host.Host.Services.GetRequiredService<ReadingStore>();

        var readings = store.TakenBetween("unit-a", new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

        Assert.Equal(new[] { ("glucose", 7.3m), ("weight", 80.2m), ("glucose", 6.2m) }, readings.Select(r => (r.Kind, r.Values[0].Value)));
        Assert.Equal(new DateOnly(2026, 11, 22), readings[1].TakenLocalDate);
    }

    [Fact]
    public void TakenBetween_ReadsOnlyTheWindow_ThroughAnIndexForEachHalf()
    {
        using var dir = new TempDirectory();
        var database = new GatewayDatabase(System.IO.Path.Combine(dir.Path, "gateway.db"));
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + ReadingStore.TakenBetweenSql;
        command.Parameters.AddWithValue("$unit", "unit-a");
        command.Parameters.AddWithValue("$from", "2026-08-26T00:00:00.0000000Z");
        command.Parameters.AddWithValue("$to", "2026-11-24T00:00:00.0000000Z");
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        // A range on taken_utc in both halves: not every row the unit ever sent, and no table scan.
        Assert.Contains(plan, p => p.Contains("USING INDEX ix_readings_history_kinds (unit_id=? AND kind=? AND taken_utc>? AND taken_utc<?)", StringComparison.Ordinal));
        Assert.Contains(plan, p => p.Contains("USING INDEX ix_readings_glucose_taken (unit_id=? AND taken_utc>? AND taken_utc<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.StartsWith("SCAN readings", StringComparison.Ordinal));
    }
}
