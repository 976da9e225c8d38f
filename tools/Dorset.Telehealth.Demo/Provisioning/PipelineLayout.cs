using System.IO;

namespace Dorset.Telehealth.Demo.Provisioning;

/// <summary>
/// Where the pipeline keeps its state under one data directory, and the ports it listens on; the cloud's store is
/// SQLite in <see cref="CloudData"/> unless <see cref="CloudPostgres"/> names a PostgreSQL database.
/// </summary>
public sealed record PipelineLayout(string DataDirectory, int CloudPort, int GatewayHttpPort, int MqttPort)
{
    /// <summary>An Npgsql connection string for the cloud's store, or null for SQLite.</summary>
    public string? CloudPostgres { get; init; }

    public string CloudData => Path.Combine(DataDirectory, "cloud");

    public string GatewayData => Path.Combine(DataDirectory, "gateway");

    public string FleetState => Path.Combine(DataDirectory, "fleet");

    public string Credentials => Path.Combine(DataDirectory, "fleet-credentials.txt");

    /// <summary>The gateway's secret at the cloud (private to the demo's data directory).</summary>
    public string GatewaySecretFile => Path.Combine(DataDirectory, "gateway-cloud-secret.txt");

    /// <summary>The demo clinician's FHIR reader secret (private to the demo's data directory).</summary>
    public string ReaderSecretFile => Path.Combine(DataDirectory, "fhir-reader-secret.txt");

    /// <summary>When the fleet's scripted week ends (UK civil time), chosen once when the directory is provisioned.</summary>
    public string WeekEndFile => Path.Combine(DataDirectory, "week-end.txt");

    /// <summary>The demo's console accounts, "name password" a line (mode 0600).</summary>
    public string ConsoleAccountsFile => Path.Combine(DataDirectory, "console-accounts.txt");

    public string CloudUrl => $"http://127.0.0.1:{CloudPort}";

    public string GatewayUrl => $"http://127.0.0.1:{GatewayHttpPort}";
}
