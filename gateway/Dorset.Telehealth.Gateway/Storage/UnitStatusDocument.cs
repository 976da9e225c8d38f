using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>
/// The per-device parts of a unit's last status document (firmware/PROTOCOL.md "Status"): what it knows of each paired
/// slot ("devices" and "sessions") and, in pairing mode only, the health devices it sees ("candidates"). The unit-wide
/// fields are <see cref="UnitStatusReport"/>'s. Malformed entries are skipped: status is advisory, and the next one
/// replaces it.
/// </summary>
/// <param name="Devices">One report per slot the unit mentioned, by slot.</param>
/// <param name="Candidates">The devices seen in pairing mode, nearest first.</param>
public sealed record UnitStatusDocument(IReadOnlyList<DeviceReport> Devices, IReadOnlyList<PairingCandidate> Candidates)
{
    /// <summary>Readings the unit moved to its dead-letter file over its life ("deadLettered"; 0 when not reported).</summary>
    public int DeadLettered { get; init; }

    /// <summary>Nothing reported.</summary>
    public static UnitStatusDocument Empty { get; } = new(Array.Empty<DeviceReport>(), Array.Empty<PairingCandidate>());

    /// <summary>The report of <paramref name="slot"/>, or null when the unit said nothing of it.</summary>
    public DeviceReport? OfSlot(int slot) => Devices.FirstOrDefault(d => d.Slot == slot);

    /// <summary>Reads a stored status document; <see cref="Empty"/> when there is none or it does not parse.</summary>
    public static UnitStatusDocument Parse(string? statusJson)
    {
        if (statusJson == null)
        {
            return Empty;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(statusJson);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }

            var bySlot = new SortedDictionary<int, DeviceReport>();
            foreach (JsonElement device in Entries(root, "devices"))
            {
                if (SlotOf(device) is int slot)
                {
                    bySlot[slot] = Report(bySlot, slot) with
                    {
                        BatteryPercent = Int(device, "battery"),
                        Manufacturer = Text(device, "manufacturer"),
                        Model = Text(device, "model"),
                        ClockSet = device.TryGetProperty("clockSet", out JsonElement set) && set.ValueKind is JsonValueKind.True or JsonValueKind.False ? set.GetBoolean() : null,
                    };
                }
            }

            foreach (JsonElement session in Entries(root, "sessions"))
            {
                if (SlotOf(session) is int slot && Text(session, "last") is string last)
                {
                    bySlot[slot] = Report(bySlot, slot) with { LastSession = last };
                }
            }

            var candidates = Entries(root, "candidates")
                .Where(c => Text(c, "address") != null && Text(c, "kind") != null)
                .Select(c => new PairingCandidate(Text(c, "address")!, Text(c, "kind")!, Int(c, "rssi"), Text(c, "name")))
                .OrderByDescending(c => c.RssiDbm ?? int.MinValue)
                .ToList();
            return new UnitStatusDocument(bySlot.Values.ToList(), candidates) { DeadLettered = Math.Max(0, Int(root, "deadLettered") ?? 0) };
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    private static DeviceReport Report(SortedDictionary<int, DeviceReport> bySlot, int slot) =>
        bySlot.TryGetValue(slot, out DeviceReport? known) ? known : new DeviceReport(slot, null, null, null, null, null);

    private static IEnumerable<JsonElement> Entries(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList()
            : Enumerable.Empty<JsonElement>();

    private static int? SlotOf(JsonElement entry) => Int(entry, "slot") is int slot && slot >= 0 ? slot : null;

    private static int? Int(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : null;

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
