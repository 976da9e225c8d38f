using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Demo.Provisioning;

namespace Dorset.Telehealth.Demo.Processes;

/// <summary>
/// The running pipeline: the cloud on SQLite (or PostgreSQL, as the layout says), the hub gateway with its embedded broker forwarding to the cloud, and a
/// fleet of emulated units, each a separate process started from the Release (or Debug) build in artifacts/.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    private readonly PipelineLayout _layout;
    private readonly BuildOutputs _build;
    private readonly PipelineSecrets _secrets;
    private readonly IReadOnlyDictionary<string, string> _gatewaySettings;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>A pipeline; <paramref name="gatewaySettings"/> are extra gateway settings as environment variables (e.g. its disk guard's threshold).</summary>
    public Pipeline(PipelineLayout layout, BuildOutputs build, PipelineSecrets secrets, IReadOnlyDictionary<string, string>? gatewaySettings = null)
    {
        _layout = layout;
        _build = build;
        _secrets = secrets;
        _gatewaySettings = gatewaySettings ?? new Dictionary<string, string>();
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secrets.Reader);
    }

    /// <summary>The FHIR reader's secret, for whoever reads the cloud's Observations.</summary>
    public string ReaderSecret => _secrets.Reader;

    public ServiceProcess? Cloud { get; private set; }

    public ServiceProcess? Gateway { get; private set; }

    public ServiceProcess? Fleet { get; private set; }

    public PipelineLayout Layout => _layout;

    public Task StartCloudAsync(CancellationToken cancel)
    {
        List<string> args = ["--data-dir", _layout.CloudData, "--urls", _layout.CloudUrl];
        if (_layout.CloudPostgres != null)
        {
            args.AddRange(["--postgres", _layout.CloudPostgres]);
        }

        Cloud = ServiceProcess.Start("cloud", _build.Cloud, args,
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information" }, Path.Combine(_layout.DataDirectory, "cloud.log"));
        return WaitHealthyAsync(_layout.CloudUrl + "/health", Cloud, cancel);
    }

    public Task StartGatewayAsync(CancellationToken cancel)
    {
        var environment = new Dictionary<string, string>
        {
            ["ForwardingOptions__GatewayId"] = PipelineProvisioner.GatewayId,
            ["ForwardingOptions__BearerSecret"] = _secrets.Gateway,
            ["ForwardingOptions__MinBackoffMilliseconds"] = "200",
            ["ForwardingOptions__MaxBackoffMilliseconds"] = "2000",
            ["GpioOptions__Enabled"] = "false",
            // Stale-device and the other clock rules every 10 s rather than every minute, so they show soon after the readings.
            ["AlertingOptions__ClockRulesIntervalSeconds"] = "10",
            // What the gateway did (broker, forwarder, alerts) is what gateway.log is for; ASP.NET Core stays at its Warning.
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (key, value) in _gatewaySettings)
        {
            environment[key] = value;
        }

        Gateway = ServiceProcess.Start("gateway", _build.Gateway,
            ["--data-dir", _layout.GatewayData, "--mqtt-port", _layout.MqttPort.ToString(), "--mqtts-port", "0", "--urls", _layout.GatewayUrl, "--cloud-url", _layout.CloudUrl],
            environment, Path.Combine(_layout.DataDirectory, "gateway.log"));
        return WaitHealthyAsync(_layout.GatewayUrl + "/health", Gateway, cancel);
    }

    /// <summary>
    /// Starts the fleet: every unit of the credentials file with that many readings per device, from the script of the
    /// week ending at <paramref name="weekEnd"/> (UK civil time; null: the script's default week).
    /// </summary>
    public void StartFleet(int glucose, int spo2, int weight, int bp, bool exitWhenDrained, DateTime? weekEnd = null)
    {
        var args = new List<string>
        {
            "fleet", "--broker", $"127.0.0.1:{_layout.MqttPort}", "--credentials", _layout.Credentials, "--state-dir", _layout.FleetState,
            "--glucose", glucose.ToString(), "--spo2", spo2.ToString(), "--weight", weight.ToString(), "--bp", bp.ToString(),
        };
        if (weekEnd is { } end)
        {
            args.AddRange(["--week-end", DemoWeekEnd.Text(end)]);
        }

        if (exitWhenDrained)
        {
            args.Add("--exit-when-drained");
        }

        Fleet = ServiceProcess.Start("fleet", _build.Emulator, args, null, Path.Combine(_layout.DataDirectory, "fleet.log"));
    }

    /// <summary>The number of Observations the cloud serves for a patient (FHIR searchset total).</summary>
    public async Task<int> ObservationCountAsync(string nhsNumber, CancellationToken cancel)
    {
        string json = await _http.GetStringAsync($"{_layout.CloudUrl}/fhir/Observation?patient={nhsNumber}&_count=1", cancel);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("total", out JsonElement total) ? total.GetInt32() : 0;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ServiceProcess? process in new[] { Fleet, Gateway, Cloud })
        {
            if (process != null)
            {
                await process.StopAsync(TimeSpan.FromSeconds(10));
                process.Dispose();
            }
        }

        _http.Dispose();
    }

    private async Task WaitHealthyAsync(string url, ServiceProcess process, CancellationToken cancel)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                throw new ServiceStartException($"{process.LastError ?? process.Name + " exited at start"} (log: {Path.Combine(_layout.DataDirectory, process.Name + ".log")})", process.ExitCode);
            }

            try
            {
                using var response = await _http.GetAsync(url, cancel);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancel);
        }

        throw new TimeoutException($"{process.Name} not healthy at {url} within 60 s");
    }
}
