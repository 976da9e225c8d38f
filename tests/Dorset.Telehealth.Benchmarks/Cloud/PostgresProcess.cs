using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Npgsql;

namespace Dorset.Telehealth.Benchmarks.Cloud;

/// <summary>
/// A throwaway PostgreSQL 15 (Debian binaries) with default durability (fsync on), started as in
/// ../shared/reference/test-infrastructure.md: as root through setpriv as the postgres user.
/// </summary>
public sealed class PostgresProcess : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _dir;
    private readonly Process _postmaster;
    private readonly bool _root;

    private PostgresProcess(string dir, int port, Process postmaster, bool root)
    {
        _dir = dir;
        Port = port;
        _postmaster = postmaster;
        _root = root;
    }

    /// <summary>The listening port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Connection string of the benchmark database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=test;Database=bench";

    /// <summary>initdb, start, wait, create the database.</summary>
    public static async Task<PostgresProcess> StartAsync()
    {
        if (!File.Exists(Bin + "/initdb"))
        {
            throw new InvalidOperationException($"{Bin}/initdb not found: install postgresql-15 or pass --postgres CONNECTION-STRING");
        }

        string dir = Path.Combine("/tmp", "pgb" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        bool root = Environment.UserName == "root";
        if (root)
        {
            Run("chown", "postgres:postgres", dir);
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        Run(Tool(root, "initdb"), Args(root, "initdb", "-D", dir + "/data", "-U", "test", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
        var start = new ProcessStartInfo(Tool(root, "postgres")) { WorkingDirectory = "/tmp", RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in Args(root, "postgres", "-D", dir + "/data", "-k", dir, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"))
        {
            start.ArgumentList.Add(a);
        }

        Process postmaster = Process.Start(start)!;
        postmaster.BeginErrorReadLine();
        postmaster.BeginOutputReadLine();
        var server = new PostgresProcess(dir, port, postmaster, root);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var c = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=test;Database=postgres;Pooling=false");
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand("CREATE DATABASE bench", c);
                await cmd.ExecuteNonQueryAsync();
                return server;
            }
            catch (NpgsqlException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        Run(Tool(_root, "pg_ctl"), Args(_root, "pg_ctl", "-D", _dir + "/data", "stop", "-m", "fast", "-w"));
        _postmaster.WaitForExit(10_000);
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static string Tool(bool root, string tool) => root ? "setpriv" : Bin + "/" + tool;

    private static string[] Args(bool root, string tool, params string[] args)
    {
        var all = new List<string>();
        if (root)
        {
            all.AddRange(new[] { "--reuid=postgres", "--regid=postgres", "--init-groups", Bin + "/" + tool });
        }

        all.AddRange(args);
        return all.ToArray();
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = "/tmp", RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process p = Process.Start(info)!;
        string error = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error}");
        }
    }
}
