using System;
using System.Buffers;
using System.Collections;
using System.IO;
using System.Text;
using System.Threading;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Extensions;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Dorset.Telehealth.Fuzz.Targets;

/// <summary>
/// An arbitrary topic and payload through the gateway's real publish handler: the host's own service registrations
/// (defaults, broker, store-and-forward, alerting) over a real SQLite file, with the broker's hosted services not
/// started, so the input reaches <see cref="TelemetryPublishInterceptor.InterceptAsync"/> exactly as MQTTnet hands
/// it a PUBLISH, and from there the ReadingIngestor (decode, plausibility, group commit) or the UnitStatusHandler.
/// Input: one control byte (bit 0: append the frame CRC to the payload; bits 1-2: the sender), the topic up to the
/// first newline, then the payload. Contract: never throws; a unit's publish under another prefix or to its own
/// config is refused NotAuthorized with the connection closed; a unit's own readings are always acknowledged
/// (stored, duplicate or quarantined: the database is healthy, so anything else would make the unit re-send a
/// poison frame for ever).
/// </summary>
public sealed class GatewayPublishTarget : FuzzTarget, IDisposable
{
    /// <summary>The provisioned unit the fuzzed publishes come from.</summary>
    public const string UnitId = "unit-fuzz";

    private const string PairedDevicesJson =
        "{\"devices\":[{\"slot\":0,\"address\":\"C0:26:DA:01:02:03\",\"kind\":\"glucose-meter\",\"needsBond\":true},"
        + "{\"slot\":1,\"address\":\"00:1C:05:AA:BB:01\",\"kind\":\"pulse-oximeter\",\"needsBond\":false},"
        + "{\"slot\":2,\"address\":\"D4:36:39:AA:BB:CC\",\"kind\":\"weight-scale\",\"needsBond\":true,\"scaleUser\":1},"
        + "{\"slot\":3,\"address\":\"A4:C1:38:00:00:04\",\"kind\":\"blood-pressure-monitor\",\"needsBond\":true}],\"settings\":{}}";

    /// <summary>Set to 1 to see the gateway's log (for reproducing a finding; never while fuzzing).</summary>
    public const string LogVariable = "DORSET_FUZZ_LOG";

    private readonly string _dataDir;
    private readonly IHost _host;
    private readonly TelemetryPublishInterceptor _interceptor;

    /// <summary>Builds the gateway's services over a new database in a temporary directory (tmpfs when there is one: fsync is the cost of every commit).</summary>
    public GatewayPublishTarget()
    {
        string root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _dataDir = Path.Combine(root, $"dorset-fuzz-gateway-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDir);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new[]
        {
            new System.Collections.Generic.KeyValuePair<string, string?>("GatewayOptions:DataDir", _dataDir),
            new System.Collections.Generic.KeyValuePair<string, string?>("GatewayOptions:MinimumFreeDiskBytes", "0"),
        });
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable(LogVariable) == "1")
        {
            // Reproducing a finding: the gateway's own log says why it answered as it did.
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug);
        }

        builder.AddGatewayDefaults(Array.Empty<string>());
        builder.AddBroker();
        builder.AddStoreAndForward();
        builder.AddAlerting();
        _host = builder.Build();
        var units = _host.Services.GetRequiredService<UnitRegistry>();
        units.Add(UnitId, null);
        units.SetConfig(UnitId, PairedDevicesJson);
        _interceptor = _host.Services.GetRequiredService<TelemetryPublishInterceptor>();
    }

    /// <inheritdoc/>
    public override string Name => "gateway-publish";

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        // An empty input is an empty topic from the unit itself, not a no-op: SharpFuzz may read afl's first input
        // before afl has written it, and an input that reached no gateway code would leave the coverage map empty
        // ("No instrumentation detected").
        int control = input.Length == 0 ? 0 : input[0];
        int start = Math.Min(1, input.Length);
        int newline = Array.IndexOf(input, (byte)'\n', start);
        int topicEnd = newline < 0 ? input.Length : newline;
        // MQTT strings are UTF-8 (MQTT 3.1.1 §1.5.3); MQTTnet decodes them so, replacing what does not decode.
        string topic = Encoding.UTF8.GetString(input, start, topicEnd - start);
        ReadOnlySpan<byte> body = newline < 0 ? ReadOnlySpan<byte>.Empty : input.AsSpan(newline + 1);
        byte[] payload = (control & 1) != 0 ? FrameCrc.Append(body) : body.ToArray();
        (string clientId, string? userName, string? sessionUnit) = Sender((control >> 1) & 3);

        var message = new MqttApplicationMessage
        {
            Topic = topic,
            Payload = new ReadOnlySequence<byte>(payload),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        };
        IDictionary items = new Hashtable();
        if (sessionUnit != null)
        {
            items[DeviceConnectionValidator.UnitIdItem] = sessionUnit;
        }

        var e = new InterceptingPublishEventArgs(message, clientId, userName, items, CancellationToken.None);
        _interceptor.InterceptAsync(e).GetAwaiter().GetResult();
        Check(e, clientId, sessionUnit ?? userName, topic);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    private static (string ClientId, string? UserName, string? SessionUnit) Sender(int which) => which switch
    {
        0 => (UnitId, UnitId, UnitId),
        1 => (UnitId, UnitId, null),
        2 => ("unit-other", "unit-other", "unit-other"),
        _ => (TelemetryPublishInterceptor.GatewayClientId, null, null),
    };

    private void Check(InterceptingPublishEventArgs e, string clientId, string? unit, string topic)
    {
        if (clientId == TelemetryPublishInterceptor.GatewayClientId)
        {
            return;
        }

        bool own = unit != null && MqttTopics.TryGetOwnLeaf(unit, topic, out string leaf) && leaf != MqttTopics.ConfigLeaf;
        if (!own)
        {
            if (e.ProcessPublish || e.Response.ReasonCode != MqttPubAckReasonCode.NotAuthorized || !e.CloseConnection)
            {
                throw new ContractViolation($"{Name}: '{unit}' published to '{topic}' and was not refused");
            }

            return;
        }

        if (topic == MqttTopics.Readings(unit!) && (e.Response.ReasonCode != MqttPubAckReasonCode.Success || e.CloseConnection || e.ProcessPublish))
        {
            throw new ContractViolation($"{Name}: a readings publish of {unit} was answered {e.Response.ReasonCode} (close {e.CloseConnection}), not acknowledged");
        }
    }
}
