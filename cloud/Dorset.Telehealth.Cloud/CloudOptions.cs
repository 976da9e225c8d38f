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

/// <summary>
/// Limits of the batch APIs, readings and alerts (cloud/README.md "Errors" and "Rate limits", where the arithmetic is).
/// Section "IngestionOptions". Checked together on start (<see cref="IngestionOptionsValidator"/>).
/// </summary>
public sealed class IngestionOptions
{
    /// <summary>The largest request body accepted (413 above it): a full batch of readings with room to spare.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The most readings in one batch (413 above it, so a gateway halves its batch rather than isolating an item).</summary>
    [Range(1, 10_000)]
    public int MaxBatchReadings { get; set; } = 5000;

    /// <summary>The most alert revisions in one alerts batch (413 above it).</summary>
    [Range(1, 10_000)]
    public int MaxBatchAlerts { get; set; } = 200;

    /// <summary>Sustained requests per minute per gateway, readings and alerts together (token bucket refill rate).</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPerMinute { get; set; } = 120;

    /// <summary>Requests a gateway may send at once after a quiet period (token bucket size).</summary>
    [Range(1, 100_000)]
    public int RateLimitBurst { get; set; } = 20;

    /// <summary>
    /// Sustained readings per minute per gateway (a second token bucket, counting readings, not posts): what a
    /// runaway gateway is held to once its burst is spent. 60,000 is what 120 posts of 500 allowed before.
    /// </summary>
    [Range(1, 100_000_000)]
    public int ReadingsPerMinute { get; set; } = 60_000;

    /// <summary>
    /// Readings a gateway may send at once after a quiet spell (that bucket's size): a week's backlog of a hub with the
    /// link down, so it drains at the posts limit's pace; never below <see cref="MaxBatchReadings"/>.
    /// </summary>
    [Range(1, 100_000_000)]
    public int ReadingsBurst { get; set; } = 1_000_000;
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
