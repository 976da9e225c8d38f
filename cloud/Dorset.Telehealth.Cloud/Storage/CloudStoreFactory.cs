using System;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>Picks the store from the options: PostgreSQL when a connection string is given, else SQLite.</summary>
public static class CloudStoreFactory
{
    /// <summary>Creates the store (schema not yet ensured).</summary>
    public static ICloudStore Create(CloudStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.PostgresConnectionString)
            ? new SqliteCloudStore(options.DataDirectory)
            : new PostgresCloudStore(options.PostgresConnectionString);
    }

    /// <summary>A description for logs without credentials.</summary>
    public static string Describe(CloudStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            return $"SQLite in {System.IO.Path.GetFullPath(options.DataDirectory)}";
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}
