using System.ComponentModel.DataAnnotations;

namespace Dorset.Telehealth.Cloud;

/// <summary>Where readings are stored. Section "CloudStoreOptions"; flags --data-dir and --postgres.</summary>
public sealed class CloudStoreOptions
{
    /// <summary>The SQLite store's folder (used when no PostgreSQL connection string is given).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>An Npgsql connection string; when set, PostgreSQL is the store.</summary>
    public string? PostgresConnectionString { get; set; }
}

/// <summary>Limits of the batch APIs, readings and alerts (cloud/README.md "Errors"). Section "IngestionOptions".</summary>
public sealed class IngestionOptions
{
    /// <summary>The largest request body accepted (413 above it).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The most readings in one batch (400 above it).</summary>
    [Range(1, 10_000)]
    public int MaxBatchReadings { get; set; } = 500;

    /// <summary>The most alert revisions in one alerts batch (400 above it).</summary>
    [Range(1, 10_000)]
    public int MaxBatchAlerts { get; set; } = 200;

    /// <summary>Sustained requests per minute per gateway, readings and alerts together (token bucket refill rate).</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPerMinute { get; set; } = 120;

    /// <summary>Requests a gateway may send at once after a quiet period (token bucket size).</summary>
    [Range(1, 100_000)]
    public int RateLimitBurst { get; set; } = 20;
}

/// <summary>The FHIR API's paging. Section "FhirOptions".</summary>
public sealed class FhirOptions
{
    /// <summary>Page size when the search gives no _count.</summary>
    [Range(1, 1000)]
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>The largest _count honoured.</summary>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 500;
}
