using Dorset.Telehealth.TestSupport;
using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Tests.Storage;

/// <summary>
/// Unit secrets are 256 random bits, stored as SHA-256; a database from before keeps PBKDF2 hashes, which still verify
/// and are replaced at the next successful login.
/// </summary>
public sealed class UnitSecretHashTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly GatewayDatabase _database;
    private readonly UnitRegistry _units;

    public UnitSecretHashTests()
    {
        _database = new GatewayDatabase(Path.Combine(_dir.Path, "gateway.db"));
        _units = new UnitRegistry(_database);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public void Add_StoresTheSecretAsSha256_WhichVerifies()
    {
        string secret = _units.Add("unit-a", null);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), StoredHash("unit-a"));
        Assert.True(_units.VerifyCredentials("unit-a", secret));
        Assert.False(_units.VerifyCredentials("unit-a", secret + "x"));
    }

    [Fact]
    public void OldPbkdf2Hash_StillVerifies_AndIsReplacedBySha256AtTheFirstSuccessfulLogin_NotAtAFailedOne()
    {
        const string secret = "an-old-units-secret-from-before-the-change";
        string old = OldPbkdf2(secret);
        using (var connection = _database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            UnitRegistry.Insert(connection, transaction, "unit-old", null, old, DateTimeOffset.UtcNow);
            transaction.Commit();
        }

        Assert.False(_units.VerifyCredentials("unit-old", "wrong"));
        Assert.Equal(old, StoredHash("unit-old"));

        Assert.True(_units.VerifyCredentials("unit-old", secret));
        Assert.StartsWith("sha256:", StoredHash("unit-old"), StringComparison.Ordinal);
        // A fresh registry (a restart: no cache) verifies the new hash.
        Assert.True(new UnitRegistry(_database).VerifyCredentials("unit-old", secret));
        Assert.False(new UnitRegistry(_database).VerifyCredentials("unit-old", "wrong"));
    }

    /// <summary>The stored form the gateway wrote before: "pbkdf2-sha256$iterations$salt$hash", base64.</summary>
    private static string OldPbkdf2(string secret)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, 100_000, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256$100000${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    private string StoredHash(string unitId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT secret_hash FROM units WHERE unit_id = $id";
        command.Parameters.AddWithValue("$id", unitId);
        return (string)command.ExecuteScalar()!;
    }
}
