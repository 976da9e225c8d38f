using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Uplink;
using MQTTnet;
using MQTTnet.Protocol;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// `patient-page [--days 90] [--per-day 4] [--requests 50]`: the time to serve the console's patient page, measured at
/// a logged-in client on loopback, for one patient whose unit sent glucose, oximetry, weight and blood pressure that
/// many times a day for that many days, published through the gateway as real frames (so the rules raised their alerts).
/// </summary>
public static class PatientPageBenchmark
{
    private const string UnitId = "bench-unit";
    private const string PatientRef = "case-bench";
    private const string User = "bench.staff";
    private static readonly TimeSpan IdleSample = TimeSpan.FromSeconds(5);
    private static readonly int[] Windows = { 7, 30, 90 };

    public static async Task<IReadOnlyList<Figure>> RunAsync(int days, int perDay, int requests)
    {
        using var dir = new TempDirectory("dgw-bench-");
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        string secret = new UnitRegistry(database).Add(UnitId, PatientRef);
        string password = HubUserStore.NewPassword();
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        new HubUserStore(database).Add(User, HubRoles.Staff, password, "benchmark", now);

        int mqttPort = FreePort.Next(), httpPort = FreePort.Next();
        using var gateway = BenchmarkRunner.StartGateway(dir.Path, mqttPort, httpPort);
        await BenchmarkRunner.WaitPortAsync(mqttPort);
        int published = await PublishAsync(mqttPort, secret, now, days, perDay);
        Console.WriteLine($"published {published} readings ({days} days x {perDay}/day x 4 kinds); stored {new ReadingStore(database).Count()}");

        using var http = await LoginAsync(httpPort, password);
        // Warm-up (JIT, SQLite's page cache), and time for tiered compilation to settle before the idle sample.
        foreach (int window in Windows)
        {
            for (int i = 0; i < 40; i++)
            {
                await GetAsync(http, $"/patients/{PatientRef}?days={window}");
            }
        }

        await Task.Delay(IdleSample);
        // Wall time includes whatever else the machine runs; the gateway's CPU time per request, less what its
        // background services use while idle, does not.
        TimeSpan idleFrom = BenchmarkRunner.CpuTime(gateway.Id);
        await Task.Delay(IdleSample);
        double idleCpuPerMs = (BenchmarkRunner.CpuTime(gateway.Id) - idleFrom).TotalMilliseconds / IdleSample.TotalMilliseconds;
        Console.WriteLine($"gateway idle CPU: {idleCpuPerMs * 1000:0} ms/s");
        var figures = new List<Figure>();
        Console.WriteLine($"{"window",7} {"requests",9} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"CPU ms/req",11} {"KB",6}");
        foreach (int window in Windows)
        {
            string path = $"/patients/{PatientRef}?days={window}";
            var times = new List<double>();
            int size = 0;
            TimeSpan cpu = BenchmarkRunner.CpuTime(gateway.Id);
            var elapsed = Stopwatch.StartNew();
            for (int i = 0; i < requests; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                size = (await GetAsync(http, path)).Length;
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            cpu = BenchmarkRunner.CpuTime(gateway.Id) - cpu - TimeSpan.FromMilliseconds(idleCpuPerMs * elapsed.Elapsed.TotalMilliseconds);
            times.Sort();
            Console.WriteLine($"{window,7} {requests,9} {Percentile(times, 0.5),8:0.0} {Percentile(times, 0.95),8:0.0} {times[^1],8:0.0} {cpu.TotalMilliseconds / requests,11:0.0} {size / 1024,6}");
            figures.Add(new Figure($"patient page, {window}-day window ({days} days of 4 kinds x {perDay}/day), p95", Percentile(times, 0.95), "ms")
            {
                Note = $"gateway CPU {cpu.TotalMilliseconds / requests:0.0} ms per request beyond its idle use; {size / 1024} KB",
            });
        }

        // The page's one readings query (the 90 days it always reads), run here on the same file.
        var store = new ReadingStore(database);
        var query = new List<double>();
        int rows = 0;
        for (int i = 0; i < requests; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            rows = store.TakenBetween(UnitId, now - TimeSpan.FromDays(90), now.AddHours(1)).Count;
            query.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        query.Sort();
        Console.WriteLine($"readings query: {rows} rows, p50 {Percentile(query, 0.5):0.0} ms, p95 {Percentile(query, 0.95):0.0} ms");
        return figures;
    }

    // Four readings of each kind a day at 07:00, 12:00, 17:00 and 22:00 UK time; a hypo every ninth day, a low SpO2 every
    // eleventh, so that the charts carry alert marks as a real patient's would.
    private static async Task<int> PublishAsync(int port, string secret, DateTimeOffset now, int days, int perDay)
    {
        var client = await BenchmarkRunner.ConnectAsync(port, UnitId, secret);
        var readings = new List<UplinkReading>();
        DateTime today = UkLocalTime.FromUtc(now).Date;
        int sequence = 0;
        for (int day = days - 1; day >= 0; day--)
        {
            for (int slot = 0; slot < perDay; slot++)
            {
                DateTime local = today.AddDays(-day).AddHours(7 + (slot * 15.0 / Math.Max(1, perDay - 1)));
                if (UkLocalTime.ToUtc(local) > now)
                {
                    continue;
                }

                sequence++;
                var time = new DeviceTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0);
                DateTime received = UkLocalTime.ToUtc(local).UtcDateTime.AddSeconds(30);
                bool hypo = day % 9 == 4 && slot == 0, lowSpo2 = day % 11 == 5 && slot == 1;
                readings.Add(Reading(ReadingKind.Glucose, 0, sequence % 65536, time, received, Value(hypo ? 3.2m : 5.5m + (sequence % 7))));
                readings.Add(Reading(ReadingKind.PulseOximetry, 1, UplinkReading.NoSequence, time, received, Value(lowSpo2 ? 91 : 95 + (sequence % 4)), Value(64 + (sequence % 20))));
                readings.Add(Reading(ReadingKind.Weight, 2, UplinkReading.NoSequence, time, received, Value(81.0m + ((sequence % 9) / 10m))));
                readings.Add(Reading(ReadingKind.BloodPressure, 3, UplinkReading.NoSequence, time, received, Value(118 + (sequence % 25)), Value(76 + (sequence % 10)), Value(90), Value(70)));
            }
        }

        long first = 1;
        foreach (var chunk in readings.Chunk(16))
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(MqttTopics.Readings(UnitId))
                .WithPayload(UplinkFrameEncoder.Encode(new UplinkFrame { FirstSequence = (uint)first, Readings = chunk }))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            var result = await client.PublishAsync(message);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"publish refused: {result.ReasonCode}");
            }

            first += chunk.Length;
        }

        await client.DisconnectAsync();
        client.Dispose();
        return readings.Count;
    }

    private static UplinkReading Reading(ReadingKind kind, int slot, int deviceSequence, DeviceTime time, DateTime received, params MedicalFloat[] values) => new()
    {
        Kind = kind, Slot = slot, DeviceAddress = "C0:26:DA:00:00:0" + slot.ToString(System.Globalization.CultureInfo.InvariantCulture), DeviceSequence = deviceSequence,
        DeviceTime = time, ReceivedAt = received, ClockSynchronised = true,
        AlternateUnit = kind == ReadingKind.Glucose, Values = values, GlucoseType = kind == ReadingKind.Glucose ? 1 : 0, GlucoseLocation = kind == ReadingKind.Glucose ? 1 : 0,
    };

    private static MedicalFloat Value(decimal value) => new((int)(value * 10), -1);

    private static async Task<HttpClient> LoginAsync(int port, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };
        string form = await GetAsync(http, "/login");
        string token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = User, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || (await GetAsync(http, "/patients")).Length == 0)
        {
            throw new InvalidOperationException($"login refused: {(int)response.StatusCode}");
        }

        return http;
    }

    private static async Task<string> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
