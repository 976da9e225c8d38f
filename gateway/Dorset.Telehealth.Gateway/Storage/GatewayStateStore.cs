using System.Collections.Generic;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>Small key/value facts the service records for the CLI (cloud link state), in table gateway_state.</summary>
public sealed class GatewayStateStore
{
    /// <summary>Key: when the cloud last confirmed a batch (ISO 8601).</summary>
    public const string LastForwardSuccess = "forward.lastSuccessUtc";

    /// <summary>Key: the last forwarding error.</summary>
    public const string LastForwardError = "forward.lastError";

    /// <summary>Key: when it happened.</summary>
    public const string LastForwardErrorUtc = "forward.lastErrorUtc";

    /// <summary>Key: the cloud URL in use.</summary>
    public const string CloudUrl = "forward.cloudUrl";

    private readonly GatewayDatabase _database;

    /// <summary>Creates the store.</summary>
    public GatewayStateStore(GatewayDatabase database)
    {
        _database = database;
    }

    /// <summary>Sets several keys in one transaction.</summary>
    public void Set(IReadOnlyDictionary<string, string> values)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var (key, value) in values)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO gateway_state(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Every key.</summary>
    public IReadOnlyDictionary<string, string> GetAll()
    {
        var result = new Dictionary<string, string>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM gateway_state";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result;
    }
}
