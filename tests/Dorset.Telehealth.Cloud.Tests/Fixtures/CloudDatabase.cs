using System;
using System.Data.Common;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>
/// Plain SQL on a cloud's database, beside the service, for what no API shows: a row's stored columns, or a schema
/// made to look like an older release's.
/// </summary>
public static class CloudDatabase
{
    /// <summary>Runs <paramref name="sql"/> and returns its first value (null when no row).</summary>
    public static async Task<object?> ScalarAsync(CloudStoreOptions store, string sql, params (string Name, object Value)[] parameters)
    {
        await using DbConnection connection = Open(store);
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            DbParameter p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        object? value1 = await command.ExecuteScalarAsync();
        return value1 is DBNull ? null : value1;
    }

    /// <summary>True when the store is PostgreSQL.</summary>
    public static bool IsPostgres(CloudStoreOptions store) => !string.IsNullOrWhiteSpace(store.PostgresConnectionString);

    private static DbConnection Open(CloudStoreOptions store) => IsPostgres(store)
        ? new NpgsqlConnection(store.PostgresConnectionString)
        : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(store.DataDirectory, "cloud.db"), Pooling = false }.ToString());
}
