using System;
using System.Text;
using System.Text.Json;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// Keeps the units table in step with the status topic and with sessions: birth "online", last will "offline"
/// (firmware/PROTOCOL.md "status"), plus firmware, battery, RSSI, outbox depth, dropped count and clock sync.
/// </summary>
public sealed class UnitStatusHandler
{
    /// <summary>The deepest outbox a status may report: far beyond any unit's flash, so a larger number is a fault.</summary>
    public const int MaxOutboxDepth = 1_000_000;

    private readonly UnitRegistry _registry;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    public UnitStatusHandler(UnitRegistry registry, GatewayMetrics metrics, TimeProvider time, ILogger<UnitStatusHandler> logger)
    {
        _time = time;
        _registry = registry;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Applies a status payload (JSON object, or the bare words online/offline).</summary>
    public void Apply(string unitId, byte[] payload)
    {
        int outOfRange = 0;
        UnitStatusReport? report = payload.Length <= PacketLimits.StatusPayloadBytes ? Parse(payload, out outOfRange) : null;
        if (report == null)
        {
            _logger.LogWarning("{Unit} sent a status payload that is neither JSON nor online/offline ({Length} bytes); ignored", unitId, payload.Length);
            return;
        }

        if (outOfRange > 0)
        {
            _metrics.RecordStatusValuesRefused(outOfRange);
            _logger.LogWarning("{Unit} sent {Count} status value(s) out of range; stored as unknown: {Status}", unitId, outOfRange,
                DeviceConnectionValidator.LogSafe(report.RawJson));
        }

        try
        {
            _registry.ApplyStatus(unitId, report, _time.GetUtcNow());
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            // Status is advisory and retained by the unit's next publish; losing one update is harmless.
            _logger.LogWarning(ex, "status of {Unit} not recorded", unitId);
        }
    }

    /// <summary>A session began or ended.</summary>
    public void SetOnline(string unitId, bool online)
    {
        _metrics.AdjustConnected(online ? 1 : -1);
        try
        {
            _registry.SetOnline(unitId, online, _time.GetUtcNow());
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            _logger.LogWarning(ex, "online state of {Unit} not recorded", unitId);
        }
    }

    /// <summary>Parses a status payload; null when it is not understood.</summary>
    public static UnitStatusReport? Parse(byte[] payload) => Parse(payload, out _);

    /// <summary>
    /// Parses a status payload; null when it is not understood. A number outside its range (firmware/PROTOCOL.md
    /// "Status") is unknown, as if absent, and counted in <paramref name="outOfRange"/>.
    /// </summary>
    public static UnitStatusReport? Parse(byte[] payload, out int outOfRange)
    {
        outOfRange = 0;
        string text = Encoding.UTF8.GetString(payload).Trim();
        if (text.Equals("online", StringComparison.OrdinalIgnoreCase) || text.Equals("offline", StringComparison.OrdinalIgnoreCase))
        {
            bool online = text.Equals("online", StringComparison.OrdinalIgnoreCase);
            return new UnitStatusReport(online, null, null, null, null, null, null, JsonSerializer.Serialize(new { state = text.ToLowerInvariant() }));
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            bool? online = null;
            if (TryGet(root, out JsonElement state, "state", "status"))
            {
                if (state.ValueKind == JsonValueKind.String)
                {
                    online = state.GetString() switch { "online" => true, "offline" => false, _ => null };
                }
            }
            else if (TryGet(root, out JsonElement onlineElement, "online") && onlineElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                online = onlineElement.GetBoolean();
            }

            return new UnitStatusReport(
                online,
                TryGet(root, out JsonElement fw, "firmware", "fw", "firmwareVersion") && fw.ValueKind == JsonValueKind.String ? fw.GetString() : null,
                InRange(Int(root, "battery", "batteryPercent", "batteryLevel"), 0, 100, ref outOfRange),
                InRange(Int(root, "rssi", "rssiDbm", "wifiRssi"), -127, 0, ref outOfRange),
                InRange(Int(root, "outboxDepth", "outbox"), 0, MaxOutboxDepth, ref outOfRange),
                InRange(Int(root, "dropped", "droppedCount"), 0, int.MaxValue, ref outOfRange),
                TryGet(root, out JsonElement clock, "clockSynced", "clockSync", "timeSynced") ? Bool(clock) : null,
                text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? InRange(int? value, int min, int max, ref int outOfRange)
    {
        if (value is int v && (v < min || v > max))
        {
            outOfRange++;
            return null;
        }

        return value;
    }

    private static bool? Bool(JsonElement e)
    {
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => e.GetString() is "synced" or "synchronised" or "synchronized" or "true",
            _ => null,
        };
    }

    private static int? Int(JsonElement root, params string[] names)
    {
        return TryGet(root, out JsonElement e, names) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? v : null;
    }

    private static bool TryGet(JsonElement root, out JsonElement value, params string[] names)
    {
        foreach (string name in names)
        {
            if (root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }
        }

        value = default;
        return false;
    }
}
