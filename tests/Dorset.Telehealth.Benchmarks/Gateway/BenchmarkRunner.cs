using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;
using MQTTnet;
using MQTTnet.Protocol;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// What the gateway benchmarks share: the gateway and brokers as child processes, simulated units' MQTT clients (plain
/// or TLS with production credentials), the frames they publish, and /proc readings of CPU time and memory.
/// </summary>
public static class BenchmarkRunner
{
    // utime + stime from /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    internal static TimeSpan CpuTime(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    // write_bytes from /proc/<pid>/io: what the process caused to be written to the block device (WAL, database file,
    // checkpoints), the figure that wears a Pi's SD card. Page-cache writes that are later overwritten before
    // writeback still count once written back, so it is an upper bound on what reached the card.
    internal static long DiskBytesWritten(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/io"))
        {
            if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan("write_bytes:".Length).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/io has no write_bytes line");
    }

    // Voluntary and involuntary context switches summed over the process's live threads (/proc/<pid>/task/*/status):
    // each is a thread hop or a wait, so per reading it shows how often a reading's path gives up the CPU. Threads that
    // exited in between are not counted, so for a thread-pool process it is a lower bound.
    internal static long ContextSwitches(int pid)
    {
        long total = 0;
        foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                foreach (string line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread exited while being read.
            }
        }

        return total;
    }

    /// <summary>
    /// CPU time of <paramref name="root"/> and every live descendant, each with the time of its children already
    /// reaped (cutime, cstime), so a PostgreSQL backend that came and went is counted once, in its parent.
    /// </summary>
    internal static TimeSpan TreeCpuTime(int root)
    {
        var all = Processes();
        return TimeSpan.FromMilliseconds(10 * all.Where(p => InTree(p.Key, root, all)).Sum(p => p.Value.Ticks));
    }

    /// <summary>The ids of <paramref name="root"/> and its live descendants.</summary>
    internal static IEnumerable<int> Tree(int root)
    {
        var all = Processes();
        return all.Keys.Where(pid => InTree(pid, root, all)).ToList();
    }

    private static bool InTree(int pid, int root, Dictionary<int, (int Parent, long Ticks)> all)
    {
        for (int hops = 0; pid > 1 && hops < 64; hops++)
        {
            if (pid == root)
            {
                return true;
            }

            if (!all.TryGetValue(pid, out var p))
            {
                return false;
            }

            pid = p.Parent;
        }

        return false;
    }

    // Every process's parent and utime + stime + cutime + cstime, in 10 ms ticks.
    private static Dictionary<int, (int Parent, long Ticks)> Processes()
    {
        var all = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }

            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                all[pid] = (int.Parse(f[1], CultureInfo.InvariantCulture), f.Skip(11).Take(4).Sum(t => long.Parse(t, CultureInfo.InvariantCulture)));
            }
            catch (IOException)
            {
                // The process ended while the tree was read.
            }
        }

        return all;
    }

    internal static MqttApplicationMessage Message(string unit, long firstSequence, int readingsPerFrame = 1)
    {
        return new MqttApplicationMessageBuilder().WithTopic(MqttTopics.Readings(unit)).WithPayload(FramePayloads.Frame(firstSequence, readingsPerFrame))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
    }

    /// <summary>Connects one simulated unit; with <paramref name="hubCa"/>, over TLS trusting only that CA, as a unit flashed with hub-ca.pem does.</summary>
    internal static async Task<IMqttClient> ConnectAsync(int port, string user, string? secret, X509Certificate2? hubCa = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(user).WithTimeout(TimeSpan.FromSeconds(60))
            .WithKeepAlivePeriod(TimeSpan.FromMinutes(5));
        if (secret != null)
        {
            builder = builder.WithCredentials(user, secret);
        }

        if (hubCa != null)
        {
            builder = builder.WithTlsOptions(tls => tls.UseTls().WithTargetHost("localhost").WithTrustChain([hubCa]));
        }

        var result = await client.ConnectAsync(builder.Build());
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"{user}: {result.ResultCode}");
        }

        return client;
    }

    /// <summary>Starts the gateway service; <paramref name="extra"/> adds settings (a TLS port, a cloud to forward to).</summary>
    internal static Child StartGateway(string dataDir, int mqttPort, int httpPort, params string[] extra) => StartGateway(dataDir, mqttPort, httpPort, null, extra);

    /// <summary>Starts the gateway service with <paramref name="environment"/> added to its environment (a profiler's settings).</summary>
    internal static Child StartGateway(string dataDir, int mqttPort, int httpPort, IReadOnlyDictionary<string, string>? environment, string[] extra)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "dorset-gateway.dll");
        return Start("dotnet", new[]
        {
            dll, "--data-dir", dataDir, "--mqtt-port", mqttPort.ToString(CultureInfo.InvariantCulture),
            "--urls", $"http://127.0.0.1:{httpPort}", "--GatewayOptions:MinimumFreeDiskBytes=0", "--Logging:LogLevel:Default=Error",
            "--GpioOptions:Enabled=false",
            // Every simulated unit connects from 127.0.0.1, a hundred at a time; real units each have an address.
            "--BrokerOptions:MaxPendingConnectionsPerAddress=1000",
        }.Concat(extra.Contains("--mqtts-port") ? extra : extra.Append("--mqtts-port").Append("0")).ToArray(), environment);
    }

    internal static Child Start(string file, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) Console.Error.WriteLine("  [" + file + "] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Child(process);
    }

    internal static double Metric(string text, string name)
    {
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    internal static long Rss(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    internal static async Task WaitPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    // Process.Dispose does not kill; the benchmark must not leave brokers behind.
    internal sealed class Child : IDisposable
    {
        private readonly Process _process;

        public Child(Process process) => _process = process;

        public int Id => _process.Id;

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(true);
                    _process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            _process.Dispose();
        }
    }
}
