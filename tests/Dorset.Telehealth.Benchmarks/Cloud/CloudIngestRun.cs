namespace Dorset.Telehealth.Benchmarks.Cloud;

/// <summary>
/// What `cloud-ingest` measures: <paramref name="Readings"/> in batches of <paramref name="Batch"/> from
/// <paramref name="Clients"/> HTTP clients, median of <paramref name="Rounds"/>; on a temporary PostgreSQL unless
/// <paramref name="Postgres"/> names one. <paramref name="Direct"/> also times the store path without HTTP;
/// <paramref name="CloudLog"/> writes the cloud's log to /tmp/bench-cloud.log.
/// </summary>
public sealed record CloudIngestRun(int Readings = 100_000, int Batch = 500, int Clients = 4, int Rounds = 5, string? Postgres = null, bool Direct = false, bool CloudLog = false);
