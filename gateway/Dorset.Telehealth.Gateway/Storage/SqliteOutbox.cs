using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>The forwarder's view of the readings table: what is still to send, and what the cloud confirmed.</summary>
public interface IOutbox
{
    /// <summary>
    /// Up to <paramref name="max"/> unforwarded, unrejected readings in arrival order (so each unit's readings leave in
    /// the order they arrived).
    /// </summary>
    IReadOnlyList<ExportedReading> TakeBatch(int max);

    /// <summary>Marks readings the cloud listed as accepted or duplicate; completes once that is durable.</summary>
    Task MarkForwardedAsync(IReadOnlyCollection<long> ids, DateTimeOffset at);

    /// <summary>Records that the cloud rejected a reading for good (kept, shown, never pruned, not re-sent).</summary>
    void MarkRejected(long id, string reason);

    /// <summary>Deletes readings forwarded before <paramref name="cutoff"/>; returns how many.</summary>
    int PruneForwarded(DateTimeOffset cutoff);

    /// <summary>(unit, slot) pairs of unforwarded readings stored without a device address (slot not in the unit config then).</summary>
    IReadOnlyList<(string Unit, int Slot)> UnaddressedSlots();

    /// <summary>Gives those readings the address now known for the slot; returns how many.</summary>
    int AssignAddress(string unitId, int slot, string address, string kind);
}

/// <summary><see cref="IOutbox"/> over the gateway's SQLite file.</summary>
public sealed class SqliteOutbox : IOutbox
{
    private readonly GatewayDatabase _database;
    private readonly GroupCommitWriter _writer;

    /// <summary>Creates the outbox; its confirmations are written by <paramref name="writer"/>, the file's one ingest writer.</summary>
    public SqliteOutbox(GatewayDatabase database, GroupCommitWriter writer)
    {
        _database = database;
        _writer = writer;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ExportedReading> TakeBatch(int max)
    {
        var list = new List<ExportedReading>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = ReadingStore.SelectReadings + " WHERE forwarded_utc IS NULL AND forward_rejection IS NULL AND device_address IS NOT NULL ORDER BY id LIMIT $max";
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(ReadingStore.ReadReading(reader));
        }

        return list;
    }

    /// <inheritdoc/>
    public Task MarkForwardedAsync(IReadOnlyCollection<long> ids, DateTimeOffset at) => _writer.MarkForwardedAsync(ids, at);

    /// <inheritdoc/>
    public void MarkRejected(long id, string reason)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE readings SET forward_rejection = $reason WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$reason", reason);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public int PruneForwarded(DateTimeOffset cutoff)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        // forwarded_utc IS NOT NULL is the guard that keeps every unforwarded reading, however old.
        command.CommandText = "DELETE FROM readings WHERE forwarded_utc IS NOT NULL AND forwarded_utc < $cutoff";
        command.Parameters.AddWithValue("$cutoff", Timestamp.Format(cutoff));
        return command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public IReadOnlyList<(string Unit, int Slot)> UnaddressedSlots()
    {
        var list = new List<(string, int)>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT unit_id, device_slot FROM readings WHERE forwarded_utc IS NULL AND device_address IS NULL";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return list;
    }

    /// <inheritdoc/>
    public int AssignAddress(string unitId, int slot, string address, string kind)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE readings SET device_address = $address, device_kind = $kind
            WHERE unit_id = $unit AND device_slot = $slot AND device_address IS NULL AND forwarded_utc IS NULL
            """;
        command.Parameters.AddWithValue("$unit", unitId);
        command.Parameters.AddWithValue("$slot", slot);
        command.Parameters.AddWithValue("$address", address);
        command.Parameters.AddWithValue("$kind", kind);
        return command.ExecuteNonQuery();
    }
}
