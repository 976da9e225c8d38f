using System;
using System.Collections.Generic;
using System.Text.Json;
using Dorset.Telehealth.Clinical.Monitoring;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>A unit's snapshot for the clock rules, with the patient it belongs to.</summary>
public sealed record PatientUnit(string? PatientRef, UnitSnapshot Unit);

/// <summary>
/// Reads what the clock rules need of every unit that is not revoked: session state, batteries (the unit's own and
/// each device's from its status document), and the time each paired slot's newest reading was taken.
/// </summary>
public static class UnitSnapshots
{
    /// <summary>Every unit not revoked, inside <paramref name="transaction"/> when one is given.</summary>
    public static IReadOnlyList<PatientUnit> Read(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var lastReadings = new Dictionary<(string, int), DateTimeOffset>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            // When the newest reading was TAKEN: a week's backlog arriving now does not make a device fresh. A device clock
            // ahead of the hub counts as the receipt time, so a clock fault cannot hide a silent device either.
            command.CommandText = "SELECT unit_id, device_slot, MAX(MIN(COALESCE(taken_utc, received_utc), received_utc)) FROM readings GROUP BY unit_id, device_slot";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                lastReadings[(reader.GetString(0), reader.GetInt32(1))] = Timestamp.Parse(reader.GetString(2));
            }
        }

        var units = new List<PatientUnit>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT unit_id, patient_ref, online, last_seen_utc, created_utc, battery_percent, config_json, status_json
                FROM units WHERE revoked_utc IS NULL ORDER BY unit_id
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                string unitId = reader.GetString(0);
                DateTimeOffset created = Timestamp.Parse(reader.GetString(4));
                DateTimeOffset offlineSince = reader.IsDBNull(3) ? created : Timestamp.Parse(reader.GetString(3));
                IReadOnlyDictionary<int, int> batteries = DeviceBatteries(reader.IsDBNull(7) ? null : reader.GetString(7));
                var devices = new List<DeviceSnapshot>();
                foreach (PairedDevice device in UnitConfig.Devices(reader.GetString(6)))
                {
                    DateTimeOffset? last = lastReadings.TryGetValue((unitId, device.Slot), out DateTimeOffset at) ? at : null;
                    devices.Add(new DeviceSnapshot(device.Slot, device.Kind, last, created, batteries.TryGetValue(device.Slot, out int b) ? b : null));
                }

                units.Add(new PatientUnit(reader.IsDBNull(1) ? null : reader.GetString(1),
                    new UnitSnapshot(unitId, reader.GetInt32(2) != 0, offlineSince, reader.IsDBNull(5) ? null : reader.GetInt32(5), devices)));
            }
        }

        return units;
    }

    // firmware/PROTOCOL.md "Status": devices: [{"slot", "battery", ...}], read on first contact and daily.
    private static IReadOnlyDictionary<int, int> DeviceBatteries(string? statusJson)
    {
        var batteries = new Dictionary<int, int>();
        if (statusJson == null)
        {
            return batteries;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(statusJson);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("devices", out JsonElement devices)
                && devices.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement d in devices.EnumerateArray())
                {
                    if (d.ValueKind == JsonValueKind.Object && d.TryGetProperty("slot", out JsonElement slot) && slot.TryGetInt32(out int s)
                        && d.TryGetProperty("battery", out JsonElement battery) && battery.TryGetInt32(out int b) && b is >= 0 and <= 100)
                    {
                        batteries[s] = b;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A unit's status is advisory; a malformed one simply says nothing about batteries.
        }

        return batteries;
    }
}
