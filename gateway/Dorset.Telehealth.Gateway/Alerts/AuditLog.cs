using System;
using System.Collections.Generic;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>One audited action: who did what to which subject, when, with the values before and after.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset AtUtc, string Actor, string Action, string Subject, string? OldJson, string? NewJson);

/// <summary>
/// The audit table: every acknowledgement, silence and patient-settings change, with who and when (issue 10 §2; the
/// console's Audit page reads it). Rows are written in the same transaction as the change they record.
/// </summary>
public static class AuditLog
{
    /// <summary>Appends a row inside <paramref name="transaction"/>.</summary>
    public static void Write(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset atUtc, string actor, string action,
        string subject, string? oldJson, string? newJson)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO audit(at_utc, actor, action, subject, old_json, new_json) VALUES ($at, $actor, $action, $subject, $old, $new)";
        command.Parameters.AddWithValue("$at", Timestamp.Format(atUtc));
        command.Parameters.AddWithValue("$actor", actor);
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$subject", subject);
        command.Parameters.AddWithValue("$old", (object?)oldJson ?? DBNull.Value);
        command.Parameters.AddWithValue("$new", (object?)newJson ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>The newest rows first, optionally about one subject.</summary>
    public static IReadOnlyList<AuditEntry> Read(GatewayDatabase database, string? subject, int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, at_utc, actor, action, subject, old_json, new_json FROM audit
            WHERE ($subject IS NULL OR subject = $subject) ORDER BY id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$subject", (object?)subject ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        var list = new List<AuditEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new AuditEntry(reader.GetInt64(0), Timestamp.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return list;
    }
}
