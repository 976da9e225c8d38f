using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;
using MQTTnet;
using MQTTnet.Protocol;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// `ingest [--units 50,500] [--messages N]`: QoS 1 publish throughput of the gateway (durable: every reading fsynced
/// before PUBACK) against Mosquitto 2 with persistence off, same load generator, same run.
/// `rss [--units 2000]`: the gateway's resident memory with that many units connected.
/// `console [--units 2000] [--tabs 5] [--samples 300]`: PUBACK to console event latency and RSS with open console tabs
/// (<see cref="ConsoleBenchmark"/>).
/// `patient-page`: the time to serve the console's patient page (<see cref="PatientPageBenchmark"/>).
/// `soak [--units 2000] [--minutes 30]`: memory, handles, threads and heap of a gateway under a steady fleet over time
/// (<see cref="SoakBenchmark"/>).
/// Each simulated unit publishes its frames one after another, awaiting each PUBACK, as a unit's outbox does.
/// </summary>
public static class BenchmarkRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        string verb = args.Length > 0 ? args[0] : "ingest";
        int[] units = Option(args, "--units", verb == "rss" ? "2000" : "50,500").Split(',').Select(int.Parse).ToArray();
        int totalMessages = int.Parse(Option(args, "--messages", "20000"), CultureInfo.InvariantCulture);
        if (verb == "console")
        {
            await ConsoleBenchmark.RunAsync(int.Parse(Option(args, "--units", "2000"), CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--tabs", "5"), CultureInfo.InvariantCulture), int.Parse(Option(args, "--samples", "300"), CultureInfo.InvariantCulture));
            return 0;
        }

        if (verb == "patient-page")
        {
            await PatientPageBenchmark.RunAsync(int.Parse(Option(args, "--days", "90"), CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--per-day", "4"), CultureInfo.InvariantCulture), int.Parse(Option(args, "--requests", "50"), CultureInfo.InvariantCulture));
            return 0;
        }

        if (verb == "soak")
        {
            await SoakBenchmark.RunAsync(int.Parse(Option(args, "--units", "2000"), CultureInfo.InvariantCulture),
                TimeSpan.FromMinutes(double.Parse(Option(args, "--minutes", "30"), CultureInfo.InvariantCulture)),
                TimeSpan.FromSeconds(double.Parse(Option(args, "--interval", "60"), CultureInfo.InvariantCulture)),
                TimeSpan.FromSeconds(double.Parse(Option(args, "--sample", "30"), CultureInfo.InvariantCulture)));
            return 0;
        }

        if (verb == "rss")
        {
            foreach (int n in units)
            {
                await MeasureRssAsync(n);
            }

            return 0;
        }

        Console.WriteLine($"{"broker",-34} {"units",6} {"messages",9} {"seconds",8} {"msg/s",9}");
        foreach (int n in units)
        {
            int perUnit = Math.Max(1, totalMessages / n);
            double mosquitto = await RunMosquittoAsync(n, perUnit);
            double gateway = await RunGatewayAsync(n, perUnit);
            Console.WriteLine($"ratio gateway/mosquitto at {n} units: {gateway / mosquitto:0.00}x");
        }

        return 0;
    }

    private static async Task<double> RunMosquittoAsync(int units, int perUnit)
    {
        using var dir = new TempDir();
        int port = FreePort.Next();
        string config = Path.Combine(dir.Path, "mosquitto.conf");
        File.WriteAllText(config, $"user root\nlog_type error\nlistener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_inflight_messages 0\nmax_queued_messages 0\n");
        using var broker = Start("mosquitto", new[] { "-c", config });
        await WaitPortAsync(port);
        var credentials = Enumerable.Range(0, units).Select(i => ($"bench-{i}", (string?)null)).ToList();
        return await LoadAsync("mosquitto 2 (persistence off)", port, credentials, perUnit, broker.Id);
    }

    private static async Task<double> RunGatewayAsync(int units, int perUnit)
    {
        using var dir = new TempDir();
        var registry = new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")));
        // Cheap hashes for thousands of benchmark units; the login cost is outside the measured window anyway.
        var credentials = Enumerable.Range(0, units).Select(i => ($"bench-{i}", (string?)registry.Add($"bench-{i}", null))).ToList();
        int port = FreePort.Next();
        int httpPort = FreePort.Next();
        using var gateway = StartGateway(dir.Path, port, httpPort);
        await WaitPortAsync(port);
        double rate = await LoadAsync("dorset-gateway (fsync before PUBACK)", port, credentials, perUnit, gateway.Id);
        using (var http = new System.Net.Http.HttpClient())
        {
            string metrics = await http.GetStringAsync($"http://127.0.0.1:{httpPort}/metrics");
            double sum = Metric(metrics, "dorset_gateway_ingest_latency_seconds_sum");
            double count = Metric(metrics, "dorset_gateway_ingest_latency_seconds_count");
            Console.WriteLine($"  gateway mean receive-to-commit latency: {sum / Math.Max(1, count) * 1000:0.00} ms over {count} frames");
        }

        long stored = new ReadingStore(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"))).Count()
            + new ReadingStore(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"))).QuarantineCount();
        Console.WriteLine($"  gateway rows committed: {stored}");
        return rate;
    }

    private static async Task MeasureRssAsync(int units)
    {
        using var dir = new TempDir();
        var registry = new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")));
        var credentials = Enumerable.Range(0, units).Select(i => ($"bench-{i}", registry.Add($"bench-{i}", null))).ToList();
        int port = FreePort.Next();
        using var gateway = StartGateway(dir.Path, port, FreePort.Next());
        await WaitPortAsync(port);
        long idle = Rss(gateway.Id);
        var clients = new List<IMqttClient>();
        foreach (var chunk in credentials.Chunk(100))
        {
            clients.AddRange(await Task.WhenAll(chunk.Select(c => ConnectAsync(port, c.Item1, c.Item2))));
        }

        // One frame each so every session has been through ingest once.
        await Task.WhenAll(clients.Select((c, i) => c.PublishAsync(Message(credentials[i].Item1, 1))));
        await Task.Delay(3000);
        long loaded = Rss(gateway.Id);
        Console.WriteLine($"gateway RSS: idle {idle / 1024 / 1024} MB, with {clients.Count(c => c.IsConnected)} units connected {loaded / 1024 / 1024} MB");
        foreach (var c in clients)
        {
            c.Dispose();
        }
    }

    private static async Task<double> LoadAsync(string name, int port, List<(string User, string? Secret)> credentials, int perUnit, int brokerPid)
    {
        var clients = new List<IMqttClient>();
        foreach (var chunk in credentials.Chunk(50))
        {
            clients.AddRange(await Task.WhenAll(chunk.Select(c => ConnectAsync(port, c.User, c.Secret))));
        }

        // A warm-up round (not measured, its sequences not reused) so both brokers are measured in their steady state:
        // the gateway's JIT and SQLite page cache, Mosquitto's allocator.
        await PublishAllAsync(name, clients, credentials, 1_000_000, Math.Max(1, perUnit / 5));
        TimeSpan loadCpu = Process.GetCurrentProcess().TotalProcessorTime;
        TimeSpan brokerCpu = CpuTime(brokerPid);
        var stopwatch = Stopwatch.StartNew();
        await PublishAllAsync(name, clients, credentials, 1, perUnit);
        stopwatch.Stop();
        loadCpu = Process.GetCurrentProcess().TotalProcessorTime - loadCpu;
        brokerCpu = CpuTime(brokerPid) - brokerCpu;
        int total = perUnit * clients.Count;
        double rate = total / stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"{name,-34} {clients.Count,6} {total,9} {stopwatch.Elapsed.TotalSeconds,8:0.00} {rate,9:0}"
            + $"   CPU per message: broker {brokerCpu.TotalMicroseconds / total:0.0} us, load generator {loadCpu.TotalMicroseconds / total:0.0} us");
        foreach (var c in clients)
        {
            await c.DisconnectAsync();
            c.Dispose();
        }

        return rate;
    }

    private static Task PublishAllAsync(string name, List<IMqttClient> clients, List<(string User, string? Secret)> credentials, long firstSequence, int perUnit)
    {
        return Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            for (int m = 0; m < perUnit; m++)
            {
                var result = await client.PublishAsync(Message(credentials[i].User, firstSequence + (m * FramePayloads.ReadingsPerFrame)));
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException($"{name}: publish refused: {result.ReasonCode}");
                }
            }
        })));
    }

    // utime + stime from /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    internal static TimeSpan CpuTime(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    internal static MqttApplicationMessage Message(string unit, long firstSequence)
    {
        return new MqttApplicationMessageBuilder().WithTopic(MqttTopics.Readings(unit)).WithPayload(FramePayloads.Frame(firstSequence))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
    }

    internal static async Task<IMqttClient> ConnectAsync(int port, string user, string? secret)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(user).WithTimeout(TimeSpan.FromSeconds(60))
            .WithKeepAlivePeriod(TimeSpan.FromMinutes(5));
        if (secret != null)
        {
            builder = builder.WithCredentials(user, secret);
        }

        var result = await client.ConnectAsync(builder.Build());
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"{user}: {result.ResultCode}");
        }

        return client;
    }

    internal static Child StartGateway(string dataDir, int mqttPort, int httpPort)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "dorset-gateway.dll");
        return Start("dotnet", new[]
        {
            dll, "--data-dir", dataDir, "--mqtt-port", mqttPort.ToString(CultureInfo.InvariantCulture), "--mqtts-port", "0",
            "--urls", $"http://127.0.0.1:{httpPort}", "--GatewayOptions:MinimumFreeDiskBytes=0", "--Logging:LogLevel:Default=Error",
            "--GpioOptions:Enabled=false",
            // Every simulated unit connects from 127.0.0.1, a hundred at a time; real units each have an address.
            "--BrokerOptions:MaxPendingConnectionsPerAddress=1000",
        });
    }

    private static Child Start(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
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

    internal static string Option(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    internal sealed class TempDir : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dgw-bench-" + Guid.NewGuid().ToString("N")[..8]);

        public TempDir() => Directory.CreateDirectory(Path);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, true);
            }
            catch (IOException)
            {
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
