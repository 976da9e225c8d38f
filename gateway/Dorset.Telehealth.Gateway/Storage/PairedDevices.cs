using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text.RegularExpressions;
using System;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>A device paired to a unit slot (the unit config's "devices" list).</summary>
/// <param name="Slot">The slot the frame names (0..15, <see cref="UnitPairing.MaxSlot"/>).</param>
/// <param name="Address">Bluetooth address, upper-case hex octets with colons, most significant first.</param>
/// <param name="Kind">glucose-meter, pulse-oximeter, weight-scale or blood-pressure-monitor (cloud/README.md).</param>
/// <param name="NeedsBond">Whether the unit must pair (bond) before subscribing.</param>
/// <param name="ScaleUser">
/// A shared weight scale only: the patient's user index on it (Weight Measurement "User ID", 0..254). Weights of any
/// other user are the household's, not the patient's (see <see cref="Ingest.SharedScaleAttribution"/>).
/// </param>
public sealed record PairedDevice(int Slot, string Address, string Kind, bool NeedsBond, int? ScaleUser = null)
{
    /// <summary>The largest user index a scale reports for a known user (255 means "unknown user").</summary>
    public const int MaxScaleUser = 254;
}

/// <summary>
/// The unit config document the gateway keeps and publishes retained on dorset/v1/{unitId}/config:
/// {"devices":[{"slot":0,"address":"C0:26:DA:01:02:03","kind":"glucose-meter","needsBond":true}],"settings":{}}; a
/// shared scale's entry adds "scaleUser": the patient's user index on it.
/// </summary>
public static partial class UnitConfig
{
    /// <summary>The device kinds the cloud contract knows.</summary>
    public static IReadOnlyList<string> Kinds { get; } = DeviceKindNames.All;

    /// <summary>True for "C0:26:DA:01:02:03" (upper case, as the cloud's key requires).</summary>
    public static bool IsValidAddress(string? address) => address != null && AddressPattern().IsMatch(address);

    /// <summary>The devices of a config document; malformed entries are skipped.</summary>
    public static IReadOnlyList<PairedDevice> Devices(string configJson)
    {
        var list = new List<PairedDevice>();
        try
        {
            using JsonDocument doc = JsonDocument.Parse(configJson);
            if (!doc.RootElement.TryGetProperty("devices", out JsonElement devices) || devices.ValueKind != JsonValueKind.Array)
            {
                return list;
            }

            foreach (JsonElement d in devices.EnumerateArray())
            {
                if (d.ValueKind == JsonValueKind.Object && d.TryGetProperty("slot", out JsonElement slot) && slot.ValueKind == JsonValueKind.Number && slot.TryGetInt32(out int s)
                    && d.TryGetProperty("address", out JsonElement address) && address.ValueKind == JsonValueKind.String
                    && d.TryGetProperty("kind", out JsonElement kind) && kind.ValueKind == JsonValueKind.String)
                {
                    bool bond = d.TryGetProperty("needsBond", out JsonElement b) && b.ValueKind == JsonValueKind.True;
                    int? scaleUser = d.TryGetProperty("scaleUser", out JsonElement u) && u.ValueKind == JsonValueKind.Number
                        && u.TryGetInt32(out int user) && user is >= 0 and <= PairedDevice.MaxScaleUser ? user : null;
                    list.Add(new PairedDevice(s, address.GetString()!, kind.GetString()!, bond, scaleUser));
                }
            }
        }
        catch (JsonException)
        {
            // A hand-edited config that does not parse pairs nothing; the unit keeps its previous config.
        }

        return list;
    }

    /// <summary>The config with <paramref name="device"/> in its slot (replacing any device there).</summary>
    public static string WithDevice(string configJson, PairedDevice device)
    {
        JsonObject root = Parse(configJson);
        var devices = new JsonArray();
        foreach (PairedDevice d in Devices(configJson))
        {
            if (d.Slot != device.Slot)
            {
                devices.Add(ToNode(d));
            }
        }

        devices.Add(ToNode(device));
        root["devices"] = devices;
        return root.ToJsonString();
    }

    /// <summary>The config without a device in <paramref name="slot"/>.</summary>
    public static string WithoutSlot(string configJson, int slot)
    {
        JsonObject root = Parse(configJson);
        var devices = new JsonArray();
        foreach (PairedDevice d in Devices(configJson))
        {
            if (d.Slot != slot)
            {
                devices.Add(ToNode(d));
            }
        }

        root["devices"] = devices;
        return root.ToJsonString();
    }

    private static JsonObject Parse(string configJson)
    {
        try
        {
            if (JsonNode.Parse(configJson) is JsonObject o)
            {
                o["settings"] ??= new JsonObject();
                return o;
            }
        }
        catch (JsonException)
        {
        }

        return new JsonObject { ["devices"] = new JsonArray(), ["settings"] = new JsonObject() };
    }

    private static JsonObject ToNode(PairedDevice d)
    {
        var node = new JsonObject
        {
            ["slot"] = d.Slot,
            ["address"] = d.Address,
            ["kind"] = d.Kind,
            ["needsBond"] = d.NeedsBond,
        };
        if (d.ScaleUser.HasValue)
        {
            node["scaleUser"] = d.ScaleUser.Value;
        }

        return node;
    }

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^[0-9A-F]{2}(:[0-9A-F]{2}){5}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();
}

/// <summary>
/// Paired devices per unit in memory, for ingest (slot -> address and kind). Refreshed by the broker's unit sync, and
/// loaded on a miss, so a device paired with the CLI while the service runs is known from its next reading on.
/// </summary>
public sealed class PairedDeviceDirectory
{
    private readonly UnitRegistry _registry;
    private static readonly TimeSpan s_reloadAfter = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, IReadOnlyList<PairedDevice>> _byUnit = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _loadedUtc = new(StringComparer.Ordinal);

    /// <summary>Creates the directory.</summary>
    public PairedDeviceDirectory(UnitRegistry registry)
    {
        _registry = registry;
    }

    /// <summary>Replaces a unit's devices from its config document.</summary>
    public void Update(string unitId, string configJson)
    {
        _byUnit[unitId] = UnitConfig.Devices(configJson);
        _loadedUtc[unitId] = DateTime.UtcNow;
    }

    /// <summary>The device in <paramref name="slot"/> of <paramref name="unitId"/>, or null.</summary>
    public PairedDevice? Find(string unitId, int slot) => Find(unitId, d => d.Slot == slot);

    /// <summary>
    /// The device of <paramref name="unitId"/> with <paramref name="address"/>, in whatever slot, or null (it was unpaired
    /// since): what a v2 reading's device is, for its settings (a shared scale's user), never to attribute it.
    /// </summary>
    public PairedDevice? FindByAddress(string unitId, string address) => Find(unitId, d => string.Equals(d.Address, address, StringComparison.OrdinalIgnoreCase));

    private PairedDevice? Find(string unitId, Func<PairedDevice, bool> match)
    {
        PairedDevice? device = Lookup(unitId, match);
        // A miss re-reads the config at most every few seconds: an unpaired slot must not cost a query per reading.
        if (device == null && (!_loadedUtc.TryGetValue(unitId, out DateTime loaded) || DateTime.UtcNow - loaded > s_reloadAfter))
        {
            UnitRecord? unit = _registry.Find(unitId);
            if (unit != null)
            {
                Update(unitId, unit.ConfigJson);
                device = Lookup(unitId, match);
            }
        }

        return device;
    }

    private PairedDevice? Lookup(string unitId, Func<PairedDevice, bool> match)
    {
        if (_byUnit.TryGetValue(unitId, out var devices))
        {
            foreach (PairedDevice d in devices)
            {
                if (match(d))
                {
                    return d;
                }
            }
        }

        return null;
    }
}
