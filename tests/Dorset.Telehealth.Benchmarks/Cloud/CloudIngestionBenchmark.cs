using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.TestSupport;
using Npgsql;

namespace Dorset.Telehealth.Benchmarks.Cloud;

/// <summary>
/// Issue 5 §6: readings per second through the HTTP batch API into PostgreSQL, against a raw binary COPY of the same
/// rows into the same table, in the same run. Usage:
/// dotnet run -c Release --project tests/Dorset.Telehealth.Benchmarks -- cloud-ingest [--readings N] [--batch N] [--clients N] [--rounds N] [--postgres CS] [--direct] [--cloud-log]
/// (--direct also times the store path without HTTP; --cloud-log writes the service log to /tmp/bench-cloud.log).
/// </summary>
public static class CloudIngestionBenchmark
{
    /// <summary>Runs the comparison and prints both figures; exit code 1 when a round did not store every reading.</summary>
    public static async Task<int> RunAsync(CloudIngestRun run) => await MeasureAsync(run) == null ? 1 : 0;

    /// <summary>The HTTP batch API's median rate against raw COPY's, or null when a round did not store every reading.</summary>
    public static async Task<Figure?> MeasureAsync(CloudIngestRun run)
    {
        (int readings, int batchSize, int clients, int rounds, string? given) = (run.Readings, run.Batch, run.Clients, run.Rounds, run.Postgres);

        if (given == null && !PostgresServer.Installed)
        {
            Console.Error.WriteLine($"cloud-ingest: {PostgresServer.BinDirectory}/initdb not found: install postgresql-15 or pass --postgres CONNECTION-STRING");
            return null;
        }

        // The real service as a separate process (Kestrel, JSON, auth, validation, staging COPY + INSERT ON CONFLICT),
        // with no rate limit and batches of the size measured: the figure is the ingest path's, not the limiter's.
        var settings = new Dictionary<string, string>
        {
            ["IngestionOptions__RateLimitPerMinute"] = "1000000",
            ["IngestionOptions__RateLimitBurst"] = "100000",
            ["IngestionOptions__MaxBatchReadings"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["IngestionOptions__MaxBodyBytes"] = (64 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = run.CloudLog ? "Information" : "Warning",
        };
        await using CloudService cloud = await CloudService.StartAsync(["unit-bench"], given, settings);
        string cs = cloud.ConnectionString;
        Console.WriteLine($"PostgreSQL: {(given == null ? "temporary server, fsync on" : "given")}; {readings} readings, batches of {batchSize}, {clients} HTTP clients, {rounds} rounds");

        var gateway = new GatewayIdentity(CloudService.GatewayId, CloudService.Hub);
        await using var store = new PostgresCloudStore(cs);
        List<string> bodies = Bodies(readings, batchSize);
        // 1. Raw COPY of exactly the rows the API would store (same parser, same column values), one stream.
        var rows = new List<SqlCloudStore.ReadingRow>(readings);
        foreach (string body in bodies)
        {
            BatchParser.TryParse(Encoding.UTF8.GetBytes(body), batchSize, out ParsedBatch? batch, out BatchError? error);
            if (batch == null)
            {
                throw new InvalidOperationException(error!.Detail);
            }

            rows.AddRange(batch.Readings.Select(r => new SqlCloudStore.ReadingRow(r, r.ContentHash(), gateway, CloudService.NhsNumber, null, DateTimeOffset.UtcNow)));
        }

        if (run.Direct)
        {
            // Diagnostic: the store path alone (parse + IngestAsync), no HTTP.
            await Vacuum(cs);
            var directClock = Stopwatch.StartNew();
            await SendAllAsync(bodies, clients, async body =>
            {
                BatchParser.TryParse(Encoding.UTF8.GetBytes(body), batchSize, out ParsedBatch? b, out _);
                await store.IngestAsync(gateway, b!.Readings);
            });
            Console.WriteLine($"direct store    : {readings / directClock.Elapsed.TotalSeconds:0} rows/s");
            await store.TruncateReadingsAsync();
        }

        using var http = new HttpClient { BaseAddress = new Uri(cloud.Url + "/"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cloud.GatewaySecret);
        // Warm-up (tiered JIT reaches optimised code after ~30 calls; connection pool), on keys outside the measured set.
        foreach (string warm in Bodies(batchSize * 40, batchSize, "unit-warm"))
        {
            await Post(http, warm);
        }

        // Alternating rounds on an emptied, vacuumed table: disk and checkpoint noise on a shared VM moves single
        // runs by more than the difference being measured, so the medians are compared.
        var copyRates = new List<double>();
        var httpRates = new List<double>();
        bool allStored = true;
        for (int round = 1; round <= rounds; round++)
        {
            await store.TruncateReadingsAsync();
            await Vacuum(cs);
            var copyClock = Stopwatch.StartNew();
            await store.CopyRawAsync(rows);
            copyRates.Add(readings / copyClock.Elapsed.TotalSeconds);

            await store.TruncateReadingsAsync();
            await Vacuum(cs);
            var httpClock = Stopwatch.StartNew();
            await SendAllAsync(bodies, clients, body => Post(http, body));
            httpRates.Add(readings / httpClock.Elapsed.TotalSeconds);
            long stored = await cloud.CountAsync("unit-bench");
            allStored &= stored == readings;
            Console.WriteLine($"round {round}: raw COPY {copyRates[^1],8:0} rows/s   HTTP batch API {httpRates[^1],8:0} rows/s ({stored} stored)   ratio {httpRates[^1] / copyRates[^1]:0.00}");
        }

        double copyMedian = Median(copyRates);
        double httpMedian = Median(httpRates);
        Console.WriteLine($"median raw COPY : {copyMedian:0} rows/s");
        Console.WriteLine($"median HTTP API : {httpMedian:0} rows/s");
        Console.WriteLine($"ratio HTTP/COPY : {httpMedian / copyMedian:0.00} (goal >= 0.9)");
        if (run.CloudLog)
        {
            File.WriteAllLines("/tmp/bench-cloud.log", cloud.Log);
        }

        return allStored
            ? new Figure($"cloud batch API into PostgreSQL ({readings} readings, batches of {batchSize}, median of {rounds} rounds)", httpMedian, "readings/s",
                "raw binary COPY of the same rows", copyMedian, "cloud ingest >= 0.9x raw COPY")
            : null;
    }

    /// <summary>Each body once, taken in order by <paramref name="clients"/> concurrent senders.</summary>
    private static Task SendAllAsync(List<string> bodies, int clients, Func<string, Task> send)
    {
        int next = -1;
        return Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                await send(bodies[i]);
            }
        }));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static List<string> Bodies(int readings, int batchSize, string unit = "unit-bench")
    {
        var bodies = new List<string>();
        for (int start = 0; start < readings; start += batchSize)
        {
            var array = new JsonArray();
            for (int i = start; i < Math.Min(readings, start + batchSize); i++)
            {
                string deviceTime = new DateTime(2026, 1, 1).AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
                array.Add(new JsonObject
                {
                    ["key"] = $"{unit}/{i}/C0:26:DA:01:02:03/s{i}",
                    ["unitId"] = unit,
                    ["outboxSequence"] = i,
                    ["device"] = new JsonObject { ["address"] = "C0:26:DA:01:02:03", ["slot"] = 0, ["kind"] = "glucose-meter" },
                    ["deviceSequence"] = i,
                    ["kind"] = "glucose",
                    ["values"] = new JsonArray(new JsonObject { ["name"] = "glucose", ["value"] = (4 + (i % 100 / 10m)).ToString(CultureInfo.InvariantCulture), ["unit"] = "mmol/L" }),
                    ["glucose"] = new JsonObject { ["sampleType"] = "capillary-whole-blood", ["sampleLocation"] = "finger" },
                    ["flags"] = new JsonArray(),
                    ["deviceTime"] = deviceTime,
                    ["receivedAt"] = "2026-01-01T00:00:00Z",
                    ["clockSynchronised"] = true,
                    ["gatewayReceivedAt"] = "2026-01-01T00:00:01Z",
                });
            }

            bodies.Add(new JsonObject { ["gatewayId"] = CloudService.GatewayId, ["readings"] = array }.ToJsonString());
        }

        return bodies;
    }

    private static async Task Post(HttpClient http, string body)
    {
        using HttpResponseMessage response = await http.PostAsync("api/v1/readings/batch", new StringContent(body, Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task Vacuum(string cs)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("VACUUM ANALYZE readings", c);
        await cmd.ExecuteNonQueryAsync();
    }
}
