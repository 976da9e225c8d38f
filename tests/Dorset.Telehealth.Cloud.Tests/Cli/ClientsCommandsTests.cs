using Dorset.Telehealth.TestSupport;
using System;
using System.IO;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Cli;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.Cloud.Tests.Smart;

namespace Dorset.Telehealth.Cloud.Tests.Cli;

/// <summary>`clients add|revoke|list` (cloud/README.md "SMART Backend Services").</summary>
public sealed class ClientsCommandsTests
{
    [Fact]
    public async Task ClientsAdd_WithAJwksFile_TheClientGetsTokensUntilRevoked()
    {
        using var dir = new TempDirectory();
        using SmartClientKey key = SmartClientKey.Rsa();
        string jwks = Path.Combine(dir.Path, "dcr.jwks.json");
        await File.WriteAllTextAsync(jwks, key.Jwks);

        var (code, output, _) = await RunAsync("clients", "add", "--id", "dcr", "--name", "Dorset Care Record", "--jwks", jwks,
            "--scopes", "system/Observation.rs system/Patient.r", "--data-dir", dir.Path);
        await using var app = new CloudApp(o => o.DataDirectory = dir.Path);
        var (granted, _, _) = await SmartTestApp.RequestTokenAsync(app.Client, key.Assertion("dcr", SmartTestApp.TokenUrl, DateTimeOffset.UtcNow), "system/Observation.rs");
        var (revokeCode, _, _) = await RunAsync("clients", "revoke", "dcr", "--data-dir", dir.Path);
        var (refused, _, _) = await SmartTestApp.RequestTokenAsync(app.Client, key.Assertion("dcr", SmartTestApp.TokenUrl, DateTimeOffset.UtcNow), "system/Observation.rs");
        var (_, list, _) = await RunAsync("clients", "list", "--data-dir", dir.Path);

        Assert.Equal(0, code);
        Assert.Contains("system/Observation.rs system/Patient.r", output, StringComparison.Ordinal);
        Assert.Equal(200, granted);
        Assert.Equal(0, revokeCode);
        Assert.Equal(401, refused);
        Assert.Matches(@"dcr\s+\S+ \S+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+system/Observation\.rs", list);
    }

    [Theory]
    [InlineData("private", "system/Observation.rs", "holds a private key")]
    [InlineData("public", "system/Observation.read", "not supported: system/Observation.read")]
    [InlineData("public", "system/Observaton.rs", "not supported: system/Observaton.rs")]
    [InlineData("not-json", "system/Observation.rs", "not a JSON Web Key Set")]
    public async Task ClientsAdd_PrivateKeyBadScopeOrNoKeySet_IsRefusedAndNothingIsRegistered(string keyFile, string scopes, string reason)
    {
        using var dir = new TempDirectory();
        using SmartClientKey key = SmartClientKey.Rsa();
        string jwks = Path.Combine(dir.Path, "client.jwks.json");
        await File.WriteAllTextAsync(jwks, keyFile switch { "private" => key.PrivateJwks(), "public" => key.Jwks, _ => "-----BEGIN PUBLIC KEY-----" });

        var (code, _, error) = await RunAsync("clients", "add", "--id", "c1", "--name", "Client", "--jwks", jwks, "--scopes", scopes, "--data-dir", dir.Path);

        Assert.Equal(2, code);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir.Path, "cloud.db")));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CloudCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
