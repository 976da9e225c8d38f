using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Gateway;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.TestSupport;
using Npgsql;

namespace Dorset.Telehealth.Benchmarks.Cloud;

/// <summary>
/// The cloud as the gateway's forwarder meets it: a temporary PostgreSQL (fsync on), the cloud service as a process
/// with its production settings (rate limit included), one registered gateway, and the given units assigned to one
/// patient, so every forwarded reading is stored and attributed. A benchmark of the cloud itself may give its own
/// PostgreSQL and override settings.
/// </summary>
public sealed class CloudService : IAsyncDisposable
{
    public const string GatewayId = "gw-bench";
    public const string Hub = "bench-hub";
    public const string NhsNumber = "9434765919";
    private readonly PostgresServer? _postgres;
    private readonly Process _cloud;

    private CloudService(PostgresServer? postgres, string connectionString, Process cloud, string url, string secret)
    {
        _postgres = postgres;
        ConnectionString = connectionString;
        _cloud = cloud;
        Url = url;
        GatewaySecret = secret;
    }

    public string Url { get; }

    /// <summary>The cloud's database, for a benchmark that also writes to it directly.</summary>
    public string ConnectionString { get; }

    /// <summary>What the service wrote to stdout (its log; warnings only unless the settings say otherwise).</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>
    /// CPU time used so far by the cloud process and by the PostgreSQL server this service started (every process of
    /// each tree; zero for a PostgreSQL given by the caller).
    /// </summary>
    public (TimeSpan Cloud, TimeSpan Postgres) CpuTime() =>
        (BenchmarkRunner.TreeCpuTime(_cloud.Id), _postgres == null ? TimeSpan.Zero : BenchmarkRunner.TreeCpuTime(_postgres.ProcessId));

    public string GatewaySecret { get; }

    /// <summary>The gateway settings that forward to this cloud.</summary>
    public string[] GatewayArguments => ["--cloud-url", Url, $"--ForwardingOptions:GatewayId={GatewayId}", $"--ForwardingOptions:BearerSecret={GatewaySecret}"];

    /// <summary>
    /// Starts the cloud on <paramref name="postgres"/> (a connection string; a temporary server when null), with
    /// <paramref name="settings"/> as environment variables (<c>Section__Key</c>) over the production ones.
    /// </summary>
    /// <param name="units">Units assigned to the bench patient.</param>
    /// <param name="postgres">The cloud's database; null starts a temporary PostgreSQL.</param>
    /// <param name="settings">Settings over the production ones.</param>
    /// <param name="lowPriority">
    /// A diagnostic, not a figure to report as the gateway's: with the cloud and PostgreSQL at the lowest CPU priority
    /// they take only what the gateway and the load generator leave, nearly as if they ran on another machine.
    /// </param>
    /// <param name="noFsync">
    /// A diagnostic too: the temporary PostgreSQL without fsync, so its flushes do not queue on the disk the gateway
    /// fsyncs every commit to (in production it has its own).
    /// </param>
    public static async Task<CloudService> StartAsync(IEnumerable<string> units, string? postgres = null, IReadOnlyDictionary<string, string>? settings = null,
        bool lowPriority = false, bool noFsync = false)
    {
        PostgresServer? server = postgres == null ? await PostgresServer.StartAsync(fsync: !noFsync) : null;
        if (lowPriority && server != null)
        {
            // Backends fork from the postmaster and inherit its nice value; the running auxiliaries are reniced too.
            var renice = new ProcessStartInfo("renice") { RedirectStandardOutput = true };
            foreach (string a in new[] { "-n", "19", "-p" }.Concat(BenchmarkRunner.Tree(server.ProcessId).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            {
                renice.ArgumentList.Add(a);
            }

            using Process reniced = Process.Start(renice)!;
            await reniced.StandardOutput.ReadToEndAsync(); // "old priority 0, new priority 19" per process: not the benchmark's output
            await reniced.WaitForExitAsync();
        }

        string connectionString = postgres ?? await server!.CreateDatabaseAsync("bench");
        string secret = BearerSecret.New(BearerSecret.GatewayPrefix);
        await using (var store = new PostgresCloudStore(connectionString))
        {
            await store.EnsureSchemaAsync();
            await store.AddGatewayAsync(GatewayId, Hub, BearerSecret.Hash(secret));
            await store.AddPatientAsync(NhsNumber, "Bench Patient");
            foreach (string unit in units)
            {
                await store.AssignUnitAsync(unit, NhsNumber, DateTimeOffset.UnixEpoch, Hub);
            }
        }

        int port = FreePort.Next();
        var info = new ProcessStartInfo(lowPriority ? "nice" : "dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in (lowPriority ? new[] { "-n", "19", "dotnet" } : []).Concat(new[] { Path.Combine(AppContext.BaseDirectory, "dorset-cloud.dll"), "--postgres", connectionString, "--urls", $"http://127.0.0.1:{port}" }))
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach ((string name, string value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        Process cloud = Process.Start(info)!;
        var service = new CloudService(server, connectionString, cloud, $"http://127.0.0.1:{port}", secret);
        cloud.OutputDataReceived += (_, e) => { if (e.Data != null) service.Log.Enqueue(e.Data); };
        cloud.ErrorDataReceived += (_, e) => { if (e.Data != null) Console.Error.WriteLine("  [cloud] " + e.Data); };
        cloud.BeginOutputReadLine();
        cloud.BeginErrorReadLine();
        try
        {
            await service.WaitHealthyAsync();
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>Readings stored for units whose id starts with <paramref name="unitPrefix"/>.</summary>
    public async Task<long> CountAsync(string unitPrefix)
    {
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM readings WHERE unit_id LIKE $1 || '%'", c);
        cmd.Parameters.AddWithValue(unitPrefix);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>When the cloud committed each of <paramref name="unit"/>'s readings, by outbox sequence.</summary>
    public async Task<Dictionary<long, DateTimeOffset>> StoredAtAsync(string unit)
    {
        var stored = new Dictionary<long, DateTimeOffset>();
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT outbox_sequence, stored_at FROM readings WHERE unit_id = $1", c);
        cmd.Parameters.AddWithValue(unit);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored[reader.GetInt64(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }

        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_cloud.HasExited)
        {
            _cloud.Kill(entireProcessTree: true);
            await _cloud.WaitForExitAsync();
        }

        _cloud.Dispose();
        if (_postgres != null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using HttpResponseMessage r = await http.GetAsync(Url + "/health");
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(60) && !_cloud.HasExited)
            {
            }
            catch (TaskCanceledException) when (clock.Elapsed < TimeSpan.FromSeconds(60) && !_cloud.HasExited)
            {
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60) || _cloud.HasExited)
            {
                throw new InvalidOperationException("the cloud service did not become healthy within 60 s");
            }

            await Task.Delay(200);
        }
    }
}
