using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Dorset.Telehealth.Cloud;
using Dorset.Telehealth.Cloud.Apis;
using Dorset.Telehealth.Cloud.Diagnostics;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Dorset.Telehealth.Fuzz.Targets;

/// <summary>
/// The cloud's FHIR search parameters: the input is a query string (without '?'), parsed by ASP.NET Core's own query
/// feature and handed to the real Observation and DetectedIssue search handlers over a SQLite store holding one
/// patient with a few readings. Contract: never throws; the answer is 200 with a searchset Bundle whose paging links
/// all carry a _count of at least 1 and a non-negative _offset, or 400 with an OperationOutcome.
/// </summary>
public sealed class FhirSearchTarget : FuzzTarget, IDisposable
{
    /// <summary>The patient the store holds (a valid NHS number).</summary>
    public const string Nhs = "9434765919";

    private readonly string _dataDir;
    private readonly SqliteCloudStore _store;
    private readonly FhirServices _services;

    /// <summary>Creates the store in a temporary directory and stores the patient's readings.</summary>
    public FhirSearchTarget()
    {
        string root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _dataDir = Path.Combine(root, $"dorset-fuzz-fhir-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDir);
        _store = new SqliteCloudStore(_dataDir);
        _store.EnsureSchemaAsync().GetAwaiter().GetResult();
        _store.AddPatientAsync(Nhs, "Fuzz Patient").GetAwaiter().GetResult();
        _store.AssignUnitAsync("unit-0042", Nhs, DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "hub-fuzz").GetAwaiter().GetResult();
        if (!BatchParser.TryParse(Encoding.UTF8.GetBytes(SeedReadings), 500, out ParsedBatch? batch, out BatchError? error))
        {
            throw new InvalidOperationException($"the seed readings do not parse: {error}");
        }

        _store.IngestAsync(new GatewayIdentity("gw-fuzz", "hub-fuzz"), batch!.Readings).GetAwaiter().GetResult();
        _services = new FhirServices(_store, _store, Microsoft.Extensions.Options.Options.Create(new FhirOptions()), new CloudMetrics(Prometheus.Metrics.NewCustomRegistry()));
    }

    /// <inheritdoc/>
    public override string Name => "fhir-search";

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        string query = Encoding.UTF8.GetString(input);
        Check(FhirApi.SearchObservationsAsync(Context(query), _services).GetAwaiter().GetResult());
        Check(FhirDetectedIssueApi.SearchAsync(Context(query), _services).GetAwaiter().GetResult());
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    private static DefaultHttpContext Context(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("cloud.example");
        context.Request.QueryString = new QueryString("?" + query);
        return context;
    }

    private void Check(ContentHttpResult result)
    {
        using JsonDocument doc = JsonDocument.Parse(result.ResponseContent ?? string.Empty);
        string type = doc.RootElement.GetProperty("resourceType").GetString() ?? string.Empty;
        if (result.StatusCode == 400 && type == "OperationOutcome")
        {
            return;
        }

        if (result.StatusCode != 200 || type != "Bundle")
        {
            throw new ContractViolation($"{Name}: answered {result.StatusCode} with a {type}");
        }

        foreach (JsonElement link in doc.RootElement.GetProperty("link").EnumerateArray())
        {
            string url = link.GetProperty("url").GetString() ?? string.Empty;
            var paging = QueryHelpers.ParseQuery(new Uri(url).Query);
            if (!int.TryParse(paging["_count"].Single(), out int count) || count < 1
                || !int.TryParse(paging["_offset"].Single(), out int offset) || offset < 0)
            {
                throw new ContractViolation($"{Name}: the {link.GetProperty("relation").GetString()} link pages with {url}");
            }
        }
    }

    private const string SeedReadings = """
        {"readings":[
        {"key":"unit-0042/1/C0:26:DA:01:02:03/s1","unitId":"unit-0042","outboxSequence":1,"device":{"address":"C0:26:DA:01:02:03","slot":0,"kind":"glucose-meter"},"deviceSequence":1,"kind":"glucose","values":[{"name":"glucose","value":"5.4","unit":"mmol/L"}],"flags":[],"deviceTime":"2026-11-24T08:15:00","receivedAt":"2026-11-24T08:17:03Z","clockSynchronised":true,"gatewayReceivedAt":"2026-11-24T08:17:04.120Z"},
        {"key":"unit-0042/2/C0:26:DA:01:02:03/s2","unitId":"unit-0042","outboxSequence":2,"device":{"address":"C0:26:DA:01:02:03","slot":0,"kind":"glucose-meter"},"deviceSequence":2,"kind":"glucose","values":[{"name":"glucose","value":"7.1","unit":"mmol/L"}],"flags":[],"deviceTime":"2026-11-25T08:15:00","receivedAt":"2026-11-25T08:17:03Z","clockSynchronised":true,"gatewayReceivedAt":"2026-11-25T08:17:04.120Z"},
        {"key":"unit-0042/3/00:1C:05:AA:BB:01/s3","unitId":"unit-0042","outboxSequence":3,"device":{"address":"00:1C:05:AA:BB:01","slot":1,"kind":"pulse-oximeter"},"deviceSequence":3,"kind":"pulse-oximetry","values":[{"name":"spo2","value":"97","unit":"%"},{"name":"pulse","value":"72","unit":"/min"}],"flags":[],"deviceTime":"2026-11-26T08:15:00","receivedAt":"2026-11-26T08:17:03Z","clockSynchronised":true,"gatewayReceivedAt":"2026-11-26T08:17:04.120Z"}
        ]}
        """;
}
