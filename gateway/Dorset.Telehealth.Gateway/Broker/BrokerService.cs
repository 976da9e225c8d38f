using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// Runs the embedded MQTTnet broker for the host's lifetime, wires one handler per concern, and keeps the retained
/// config of every unit in step with the units table (which the CLI verbs may change while the service runs:
/// a new unit's config appears, a revoked unit is disconnected and its config cleared).
/// </summary>
public sealed class BrokerService : BackgroundService
{
    private static readonly TimeSpan s_syncInterval = TimeSpan.FromSeconds(3);

    // A replaced session's teardown takes milliseconds; one that never reports its end (its CONNACK failed before
    // MQTTnet registered it) must not keep the unit out for longer than this.
    private static readonly TimeSpan s_takeoverWait = TimeSpan.FromSeconds(5);
    private readonly HubTlsIdentity _tls;
    private readonly BrokerOptions _options;
    private readonly GatewayOptions _gateway;
    private readonly DeviceConnectionValidator _validator;
    private readonly TelemetryPublishInterceptor _publishInterceptor;
    private readonly UnitStatusHandler _status;
    private readonly UnitRegistry _registry;
    private readonly GatewayMetrics _metrics;
    private readonly BrokerState _state;
    private readonly PairedDeviceDirectory _devices;
    private readonly UnitSessions _sessions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _publishedConfigs = new(StringComparer.Ordinal);
    private MqttServer? _server;

    /// <summary>Creates the service.</summary>
    public BrokerService(IOptions<BrokerOptions> options, IOptions<GatewayOptions> gateway, DeviceConnectionValidator validator,
        TelemetryPublishInterceptor publishInterceptor, UnitStatusHandler status, UnitRegistry registry, GatewayMetrics metrics,
        BrokerState state, PairedDeviceDirectory devices, HubTlsIdentity tls, UnitSessions sessions, TimeProvider time, ILogger<BrokerService> logger)
    {
        _sessions = sessions;
        _time = time;
        _tls = tls;
        _devices = devices;
        _options = options.Value;
        _gateway = gateway.Value;
        _validator = validator;
        _publishInterceptor = publishInterceptor;
        _status = status;
        _registry = registry;
        _metrics = metrics;
        _state = state;
        _logger = logger;
    }

    /// <inheritdoc/>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Started here rather than in ExecuteAsync so that a port in use fails the host's start, visibly.
        var certificate = _options.TlsPort > 0 ? _tls.Certificate : null;
        var factory = new MqttServerFactory();
        var serverOptions = factory.CreateServerOptionsBuilder().WithPersistentSessions(false).WithMaxPendingMessagesPerClient(1000).Build();
        // Each connection keeps one packet writer for its lifetime (BrokerListener), first sized WriterBufferSize:
        // MQTTnet's 4 KiB default was 8 MB of the 2,000-unit benchmark's heap (`rss`, issue 15). What the broker writes
        // into it is a packet's header, topic and properties, never a PUBLISH payload (sent as its own segment), so
        // 256 bytes hold a CONNACK, PUBACK or config topic and the writer doubles on the rare larger packet.
        // WriterBufferSizeMax is what a grown writer is cut back to after sending, instead of keeping up to 64 KiB.
        serverOptions.WriterBufferSize = 256;
        serverOptions.WriterBufferSizeMax = 4096;
        _server = factory.CreateMqttServer(serverOptions, new[] { new BrokerListener(_options, certificate, _metrics, _time, _logger) });
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += _publishInterceptor.InterceptAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        _server.ClientConnectedAsync += OnClientConnectedAsync;
        _server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        _registry.MarkAllOffline();
        await _server.StartAsync().ConfigureAwait(false);
        _state.Started = true;
        _logger.LogInformation("MQTT broker listening: plain 127.0.0.1:{Plain}, TLS {TlsAddress}:{Tls} (CA for units: {Ca})",
            _options.PlainPort, _options.TlsBindAddress, _options.TlsPort,
            certificate != null ? HubCertificate.CaPath(_gateway.DataDirFullPath) : "none");
        await SyncUnitsAsync().ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        _state.Started = false;
        MqttServer? server = Interlocked.Exchange(ref _server, null);
        if (server != null)
        {
            await server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
            server.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_syncInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SyncUnitsAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
                {
                    _logger.LogWarning(e, "unit sync failed; retrying");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Publishes changed retained configs; disconnects revoked units and clears their config.</summary>
    private async Task SyncUnitsAsync()
    {
        if (_server == null)
        {
            return;
        }

        foreach (UnitRecord unit in _registry.List())
        {
            string topic = MqttTopics.Config(unit.UnitId);
            if (unit.IsRevoked)
            {
                if (_publishedConfigs.Remove(unit.UnitId) || !_state.RevokedSeen.Contains(unit.UnitId))
                {
                    _state.RevokedSeen.Add(unit.UnitId);
                    await PublishRetainedAsync(topic, Array.Empty<byte>()).ConfigureAwait(false);
                    await DisconnectUnitAsync(unit.UnitId).ConfigureAwait(false);
                }

                continue;
            }

            string config = unit.ConfigJson;
            _devices.Update(unit.UnitId, config);
            if (_publishedConfigs.TryGetValue(unit.UnitId, out string? published) && published == config)
            {
                continue;
            }

            await PublishRetainedAsync(topic, Encoding.UTF8.GetBytes(config)).ConfigureAwait(false);
            _publishedConfigs[unit.UnitId] = config;
        }
    }

    private async Task DisconnectUnitAsync(string unitId)
    {
        foreach (var client in await _server!.GetClientsAsync().ConfigureAwait(false))
        {
            if (client.Session.Items[DeviceConnectionValidator.UnitIdItem] as string == unitId)
            {
                _logger.LogWarning("unit {Unit} was revoked; closing its session", unitId);
                await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized }).ConfigureAwait(false);
            }
        }
    }

    private Task PublishRetainedAsync(string topic, byte[] payload)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        return _server!.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = TelemetryPublishInterceptor.GatewayClientId }, CancellationToken.None);
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        string? unitId = e.SessionItems?[DeviceConnectionValidator.UnitIdItem] as string ?? e.UserName;
        string filter = e.TopicFilter.Topic;
        if (unitId != null && filter == MqttTopics.Config(unitId))
        {
            return Task.CompletedTask;
        }

        _metrics.RecordAclViolation();
        _logger.LogWarning("ACL: refused subscription by '{Unit}' (client '{Client}') to '{Filter}'",
            DeviceConnectionValidator.LogSafe(unitId), DeviceConnectionValidator.LogSafe(e.ClientId), DeviceConnectionValidator.LogSafe(filter));
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        return Task.CompletedTask;
    }

    /// <summary>Checks the login, then makes it the unit's one session (<see cref="UnitSessions"/>).</summary>
    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        await _validator.ValidateAsync(e).ConfigureAwait(false);
        if (e.ReasonCode != MqttConnectReasonCode.Success || e.SessionItems[DeviceConnectionValidator.UnitIdItem] is not string unitId)
        {
            return;
        }

        UnitSessions.Session? previous = _sessions.Begin(unitId, e.ClientId, e.SessionItems);
        if (previous == null)
        {
            return;
        }

        _metrics.RecordSessionTakeover();
        _logger.LogWarning("unit {Unit}: a new login (client '{Client}') replaces its session (client '{Previous}')",
            unitId, DeviceConnectionValidator.LogSafe(e.ClientId), previous.ClientId);
        try
        {
            await _server!.DisconnectClientAsync(previous.ClientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.SessionTakenOver })
                .ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // No longer registered: it is already being torn down, which is what the wait below is for.
        }

        try
        {
            await previous.Ended.WaitAsync(s_takeoverWait, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("unit {Unit}: the replaced session (client '{Previous}') did not end within {Wait}; accepting the new one", unitId, previous.ClientId, s_takeoverWait);
        }
    }

    private Task OnClientConnectedAsync(ClientConnectedEventArgs e)
    {
        if (e.SessionItems[DeviceConnectionValidator.UnitIdItem] is string unitId)
        {
            _status.SetOnline(unitId, true);
        }

        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.SessionItems?[DeviceConnectionValidator.UnitIdItem] is string unitId)
        {
            if (_sessions.End(unitId, e.SessionItems))
            {
                _status.SetOnline(unitId, false);
            }
            else
            {
                // A replaced session: the unit is online on its new one.
                _metrics.AdjustConnected(-1);
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>What /health needs to know about the broker.</summary>
public sealed class BrokerState
{
    /// <summary>True while the broker accepts connections.</summary>
    public bool Started { get; set; }

    /// <summary>Revoked units already handled by the sync loop.</summary>
    internal HashSet<string> RevokedSeen { get; } = new(StringComparer.Ordinal);
}
