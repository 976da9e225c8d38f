using System;
using System.Net;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// ValidatingConnectionAsync: user name = unit id, password = the unit's secret. Unknown, revoked and wrong-secret
/// logins get the same refusal (BadUserNameOrPassword; in MQTT 3.1.1 CONNACK code 4), after a delay that grows with
/// repeated failures. The client id must be the unit id (or start with "unitId-"), so one unit cannot take over
/// another's session by reusing its client id.
/// </summary>
public sealed class DeviceConnectionValidator
{
    /// <summary>The session item holding the authenticated unit id.</summary>
    public const string UnitIdItem = "dorset.unitId";

    private readonly UnitRegistry _registry;
    private readonly LoginThrottle _throttle;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates the validator.</summary>
    public DeviceConnectionValidator(UnitRegistry registry, LoginThrottle throttle, GatewayMetrics metrics, ILogger<DeviceConnectionValidator> logger)
    {
        _registry = registry;
        _throttle = throttle;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The handler for <see cref="MqttServer.ValidatingConnectionAsync"/>.</summary>
    public async Task ValidateAsync(ValidatingConnectionEventArgs e)
    {
        string? unitId = e.UserName;
        string address = (e.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? e.RemoteEndPoint?.ToString() ?? "?";
        string throttleKey = address + "|" + unitId;

        string? problem = null;
        if (!UnitRegistry.IsValidUnitId(unitId))
        {
            problem = "no valid unit id as user name";
        }
        else if (!IsOwnClientId(unitId!, e.ClientId))
        {
            problem = "client id is not the unit id";
        }
        else if (e.ClientId != unitId && await Task.Run(() => _registry.Find(e.ClientId)).ConfigureAwait(false) != null)
        {
            // `unitId-*` is the unit's own, unless it is another unit's id (unit-0042 and unit-0042-b): taking that
            // client id would close the other unit's session.
            problem = "client id is another unit's id";
        }
        else if (!await Task.Run(() => _registry.VerifyCredentials(unitId, e.Password)).ConfigureAwait(false))
        {
            // The SQLite read (and, once per unit, an old PBKDF2 hash) runs on the thread pool, not on the connection's I/O continuation.
            problem = "unknown unit, revoked unit or wrong secret";
        }

        if (problem == null)
        {
            _throttle.RecordSuccess(throttleKey);
            e.SessionItems[UnitIdItem] = unitId;
            e.ReasonCode = MqttConnectReasonCode.Success;
            return;
        }

        _metrics.RecordLoginFailure();
        var (failures, delay) = _throttle.RecordFailure(throttleKey);
        _logger.LogWarning("MQTT login refused for '{User}' (client '{Client}') from {Address}: {Problem}; {Failures} failure(s) in a row, answering after {Delay} ms",
            LogSafe(unitId), LogSafe(e.ClientId), address, problem, failures, (int)delay.TotalMilliseconds);
        e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A value from the network made safe for a log line: control characters (a forged newline would forge a log
    /// entry) become '?', and it is cut to 80 characters.
    /// </summary>
    public static string LogSafe(string? value)
    {
        if (value == null)
        {
            return "(none)";
        }

        var chars = value.Length > 80 ? value[..80].ToCharArray() : value.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }

    /// <summary>True when <paramref name="clientId"/> belongs to <paramref name="unitId"/>.</summary>
    public static bool IsOwnClientId(string unitId, string? clientId)
    {
        return clientId != null && (clientId == unitId || (clientId.StartsWith(unitId + "-", StringComparison.Ordinal) && clientId.Length <= unitId.Length + 65));
    }
}
