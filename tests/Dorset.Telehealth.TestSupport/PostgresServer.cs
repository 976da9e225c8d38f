using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;
using Npgsql;
using Xunit;

namespace Dorset.Telehealth.TestSupport;

/// <summary>
/// A real PostgreSQL 15 from the Debian binaries in a temporary directory, started once per test run on first use
/// (../shared/reference/test-infrastructure.md "PostgreSQL 15 started by a test fixture"). PostgreSQL refuses to
/// run as root, so as root it runs as the `postgres` user through setpriv. Shared by the cloud tests (one server per
/// run), the benchmarks (fsync on) and the chaos harness (which stops and restarts its own server mid-run).
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
    private readonly string? _runAs;
    private readonly bool _fsync;
    private ChildProcess _postmaster;
    private int _databases;

    private PostgresServer(string dir, int port, ChildProcess postmaster, string? runAs, bool fsync)
    {
        _dir = dir;
        _port = port;
        _postmaster = postmaster;
        _runAs = runAs;
        _fsync = fsync;
    }

    /// <summary>True when the Debian server binaries are installed.</summary>
    public static bool Installed => File.Exists(BinDirectory + "/initdb");

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port => _port;

    /// <summary>The process started for the server (the postmaster, or the command that runs it as postgres): its tree is the server.</summary>
    public int ProcessId => _postmaster.Id;

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
    public async Task<string> CreateDatabaseAsync() => await CreateDatabaseAsync($"t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}");

    /// <summary>A new empty database called <paramref name="name"/> (letters, digits and underscores) and its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
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
        var server = new PostgresServer(dir, port, StartPostmaster(dir, port, runAs, fsync), runAs, fsync);
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>
    /// Stops the server as a crash would (`pg_ctl stop -m immediate`: no checkpoint, every connection cut), so the
    /// next start runs crash recovery. Clients see connection errors until <see cref="RestartAsync"/>.
    /// </summary>
    public async Task CrashAsync()
    {
        await RunAsync(Command(_runAs, "pg_ctl"), Args(_runAs, "pg_ctl", "-D", _dir + "/data", "stop", "-m", "immediate", "-w"));
        await _postmaster.WaitForExitAsync(TimeSpan.FromSeconds(30));
        _postmaster.Dispose();
    }

    /// <summary>Starts the postmaster again on the same port and data after <see cref="CrashAsync"/>, and waits until it is ready.</summary>
    public async Task RestartAsync()
    {
        _postmaster = StartPostmaster(_dir, _port, _runAs, _fsync);
        await WaitReadyAsync();
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

    private static ChildProcess StartPostmaster(string dir, int port, string? runAs, bool fsync)
    {
        var settings = new List<string> { "-D", dir + "/data", "-k", dir, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200" };
        if (!fsync)
        {
            // Tests check behaviour, not durability; the benchmark runs with fsync on.
            settings.AddRange(new[] { "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off" });
        }

        return ChildProcess.Start(Command(runAs, "postgres"), Args(runAs, "postgres", settings.ToArray()), workingDirectory: "/tmp");
    }

    private async Task WaitReadyAsync()
    {
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (_postmaster.HasExited)
                {
                    throw new InvalidOperationException($"PostgreSQL exited before it was ready: {_postmaster.StandardError}");
                }

                using var ready = ChildProcess.Start(BinDirectory + "/pg_isready", new[] { "-q", "-h", _dir, "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "test" });
                return await ready.WaitForExitAsync(TimeSpan.FromSeconds(10)) == 0;
            }, TimeSpan.FromSeconds(30), "PostgreSQL ready (pg_isready)", () => "its log: " + _postmaster.StandardError, TimeSpan.FromMilliseconds(100));
        }
        catch
        {
            await DisposeAsync();
            throw;
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
