using System;
using System.IO;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Console.Tests;

/// <summary>
/// A real gateway process on loopback ports with a staff account and one registered unit, for the browser to use as a
/// hub nurse would; the unit publishes real uplink frames to the embedded broker.
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    public const string StaffName = "nurse.jones";
    public const string StaffPassword = "correct horse battery staple";
    public const string UnitId = "unit-0001";
    public const string PatientRef = "case-17";
    public const string AdminName = "admin.a";
    public const string AdminPassword = "correct horse battery admin";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "dorset-console-" + Guid.NewGuid().ToString("N"));
    private ChildProcess? _process;
    private MQTTnet.IMqttClient? _online;
    private string _unitSecret = "";
    private int _mqttPort;

    public string Url { get; private set; } = "";

    public static async Task<ConsoleServer> StartAsync()
    {
        var server = new ConsoleServer();
        await server.StartServiceAsync();
        return server;
    }

    /// <summary>Adds an admin account (the CLI, while the service runs).</summary>
    public async Task AddAdminAsync()
    {
        var admin = await GatewayProcess.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--name", AdminName, "--role", "admin", "--password-stdin", "--data-dir", _dataDir);
        if (admin.Code != 0)
        {
            throw new InvalidOperationException("admin not added: " + admin.Stderr);
        }
    }

    /// <summary>
    /// Publishes <paramref name="status"/> retained on the unit's status topic, as the unit does, QoS 1, and keeps the
    /// unit online until the server is disposed: a unit that goes offline reports no candidates any more.
    /// </summary>
    public async Task PublishStatusAsync(byte[] status)
    {
        try
        {
            _online ??= await UnitPublisher.ConnectAsync(_mqttPort, UnitId, _unitSecret);
            await UnitPublisher.PublishAsync(_online, $"dorset/v1/{UnitId}/status", status, retain: true);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException e)
        {
            // The broker's side of the story, without which a dropped session in CI cannot be explained.
            throw new InvalidOperationException($"status not published ({e.Message}); gateway log:\n{_process?.StandardOutput}\n{_process?.StandardError}", e);
        }
    }

    /// <summary>Publishes one spot-check from the unit's oximeter (slot 0), received now, QoS 1.</summary>
    public Task PublishSpo2Async(uint outboxSequence, int spo2) => PublishSpo2Async(outboxSequence, (spo2, DateTime.UtcNow));

    /// <summary>Publishes spot-checks from the unit's oximeter (slot 0) in one frame, each received by the unit when given, QoS 1.</summary>
    public Task PublishSpo2Async(uint firstSequence, params (int Spo2, DateTime ReceivedUtc)[] checks) =>
        UnitPublisher.PublishSpo2Async(_mqttPort, UnitId, _unitSecret, firstSequence, checks);

    public ValueTask DisposeAsync()
    {
        _online?.Dispose();
        _process?.Dispose();

        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private async Task StartServiceAsync()
    {
        var users = await GatewayProcess.RunWithInputAsync(StaffPassword + "\n", "users", "add", "--name", StaffName, "--role", "staff", "--password-stdin", "--data-dir", _dataDir);
        var unit = await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", UnitId, "--patient-ref", PatientRef, "--data-dir", _dataDir);
        if (users.Code != 0 || unit.Code != 0)
        {
            throw new InvalidOperationException($"provisioning failed: {users.Stderr} {unit.Stderr}");
        }

        _unitSecret = GatewayProcess.SecretFrom(unit.Stdout);
        await GatewayProcess.RunAsync("units", "pair", UnitId, "--slot", "0", "--address", "C0:26:DA:00:00:01", "--kind", "pulse-oximeter", "--data-dir", _dataDir);
        _mqttPort = FreePort.Next();
        int httpPort = FreePort.Next();
        Url = $"http://127.0.0.1:{httpPort}";
        // With its TLS listener for units (on loopback) and the address units are given, as a hub runs: provisioning
        // refuses without either.
        _process = await GatewayProcess.StartServiceAsync(_dataDir, _mqttPort, httpPort, "--mqtts-port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--BrokerOptions:TlsBindAddress=127.0.0.1", "--BrokerOptions:HostNames:0=127.0.0.1");
    }
}
