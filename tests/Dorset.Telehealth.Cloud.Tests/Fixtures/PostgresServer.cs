using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;
using Npgsql;

[assembly: AssemblyFixture(typeof(Dorset.Telehealth.Cloud.Tests.Fixtures.PostgresServerLifetime))]

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>
/// A real PostgreSQL 15 from the Debian binaries in a temporary directory, started once per test run on first use
/// (../shared/reference/test-infrastructure.md "PostgreSQL 15 started by a test fixture"). PostgreSQL refuses to
/// run as root, so as root it runs as the `postgres` user through setpriv.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Where Debian installs the server binaries.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static PostgresServer? s_shared;
    private static Exception? s_failure;

    private readonly string _dir;
    private readonly int _port;
    private readonly ChildProcess _postmaster;
    private readonly string? _runAs;
    private int _databases;

    private PostgresServer(string dir, int port, ChildProcess postmaster, string? runAs)
    {
        _dir = dir;
        _port = port;
        _postmaster = postmaster;
        _runAs = runAs;
    }

    /// <summary>The server's admin connection string.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={_port};Username=test;Database=postgres;Pooling=false";

    /// <summary>
    /// The shared server, started on first call. Skips the calling test when the binaries are missing (fails when
    /// DORSET_REQUIRE_INTEGRATION=1).
    /// </summary>
    public static async Task<PostgresServer> GetAsync(bool fsync = false)
    {
        IntegrationTool.Require("PostgreSQL 15 server binaries (apt-get install postgresql-15)", BinDirectory + "/initdb");
        await s_gate.WaitAsync();
        try
        {
            if (s_failure != null)
            {
                throw new InvalidOperationException("PostgreSQL failed to start earlier in this run", s_failure);
            }

            if (s_shared == null)
            {
                try
                {
                    s_shared = await StartAsync(fsync);
                }
                catch (Exception e)
                {
                    s_failure = e;
                    throw;
                }
            }

            return s_shared;
        }
        finally
        {
            s_gate.Release();
        }
    }

    /// <summary>Stops the shared server, if started.</summary>
    public static async Task StopSharedAsync()
    {
        if (s_shared != null)
        {
            await s_shared.DisposeAsync();
            s_shared = null;
        }
    }

    /// <summary>A new empty database and its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        return $"Host=127.0.0.1;Port={_port};Username=test;Database={name}";
    }

    /// <summary>Starts a server: initdb, postgres, wait for pg_isready.</summary>
    public static async Task<PostgresServer> StartAsync(bool fsync)
    {
        // Short path: the socket path limit is about 107 bytes.
        string dir = Path.Combine("/tmp", "pg" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        string? runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs != null)
        {
            await RunAsync("chown", new[] { "postgres:postgres", dir });
        }

        int port = FreePort.Next();
        await RunAsync(Command(runAs, "initdb"), Args(runAs, "initdb", "-D", dir + "/data", "-U", "test", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
        var settings = new List<string> { "-D", dir + "/data", "-k", dir, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200" };
        if (!fsync)
        {
            // Tests check behaviour, not durability; the benchmark runs with fsync on.
            settings.AddRange(new[] { "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off" });
        }

        ChildProcess postmaster = ChildProcess.Start(Command(runAs, "postgres"), Args(runAs, "postgres", settings.ToArray()), workingDirectory: "/tmp");
        var server = new PostgresServer(dir, port, postmaster, runAs);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var ready = ChildProcess.Start(BinDirectory + "/pg_isready", new[] { "-q", "-h", dir, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "test" });
            if (await ready.WaitForExitAsync(TimeSpan.FromSeconds(10)) == 0)
            {
                return server;
            }

            if (postmaster.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                string log = postmaster.StandardError;
                await server.DisposeAsync();
                throw new InvalidOperationException($"PostgreSQL did not become ready: {log}");
            }

            await Task.Delay(100);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            // Never SIGKILL the postmaster: a fast shutdown lets it clean its shared memory.
            await RunAsync(Command(_runAs, "pg_ctl"), Args(_runAs, "pg_ctl", "-D", _dir + "/data", "stop", "-m", "fast", "-w"));
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        _postmaster.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Command(string? runAs, string tool) => runAs != null ? "setpriv" : BinDirectory + "/" + tool;

    private static string[] Args(string? runAs, string tool, params string[] args)
    {
        if (runAs == null)
        {
            return args;
        }

        var all = new List<string> { "--reuid=" + runAs, "--regid=" + runAs, "--init-groups", BinDirectory + "/" + tool };
        all.AddRange(args);
        return all.ToArray();
    }

    private static async Task RunAsync(string fileName, IEnumerable<string> args)
    {
        using ChildProcess process = ChildProcess.Start(fileName, args, workingDirectory: "/tmp");
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        if (code != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', args)} exited {code}: {process.StandardError}");
        }
    }
}

/// <summary>Stops the shared PostgreSQL at the end of the run.</summary>
public sealed class PostgresServerLifetime : IAsyncDisposable
{
    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await PostgresServer.StopSharedAsync();
}
