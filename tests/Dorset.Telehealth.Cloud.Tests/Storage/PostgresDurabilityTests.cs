using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.TestSupport;
using Npgsql;

namespace Dorset.Telehealth.Cloud.Tests.Storage;

/// <summary>
/// The cloud answers the gateway only after a commit is durable, whatever the server's default: the test server runs
/// with synchronous_commit=off (as a tuned or careless production server might), and the store's sessions still commit
/// synchronously. Without this a PostgreSQL crash lost readings the cloud had acknowledged (the chaos run, issue 14).
/// </summary>
public sealed class PostgresDurabilityTests
{
    // Enough single-row commits that some are still in the WAL buffers when PostgreSQL dies (131 of 200 survived without the setting).
    private const int Commits = 200;

    [Fact]
    public async Task StoreSessions_CommitSynchronously_OnAServerWhoseDefaultIsOff()
    {
        PostgresServer server = await PostgresServer.GetAsync();
        string connectionString = await server.CreateDatabaseAsync();
        Assert.Equal("off", await SettingAsync(connectionString));

        Assert.Equal("on", await SettingAsync(PostgresCloudStore.SessionConnectionString(connectionString)));
    }

    [Fact]
    public async Task StoreSessions_KeepOptionsTheOperatorGave()
    {
        PostgresServer server = await PostgresServer.GetAsync();
        string connectionString = await server.CreateDatabaseAsync() + ";Options=-c statement_timeout=12345";

        string session = PostgresCloudStore.SessionConnectionString(connectionString);

        Assert.Equal("on", await SettingAsync(session));
        Assert.Equal("12345ms", await SettingAsync(session, "statement_timeout"));
    }

    [Fact]
    public async Task CommitsOfTheStoresSessions_SurviveAPostgresCrashRightAfter()
    {
        IntegrationTool.Require("PostgreSQL 15 server binaries (apt-get install postgresql-15)", PostgresServer.BinDirectory + "/initdb");
        await using PostgresServer server = await PostgresServer.StartAsync(fsync: false);
        string session = PostgresCloudStore.SessionConnectionString(await server.CreateDatabaseAsync("durability"));
        await ExecuteAsync(session, "CREATE TABLE acknowledged (n integer)");
        for (int n = 0; n < Commits; n++)
        {
            await ExecuteAsync(session, $"INSERT INTO acknowledged VALUES ({n})");
        }

        NpgsqlConnection.ClearAllPools();
        await server.CrashAsync();
        await server.RestartAsync();

        await using var connection = new NpgsqlConnection(session);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM acknowledged", connection);
        Assert.Equal(Commits, (long)(await count.ExecuteScalarAsync())!);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> SettingAsync(string connectionString, string name = "synchronous_commit")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var show = new NpgsqlCommand("SHOW " + name, connection);
        return (string)(await show.ExecuteScalarAsync())!;
    }
}
