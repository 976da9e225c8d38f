using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

public sealed class CliTests
{
    [Fact]
    public async Task UnitsAdd_NewUnit_PrintsSecretOnceAndWritesBundle()
    {
        using var dir = new TempDirectory();

        var (code, stdout, _) = await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-7", "--patient-ref", "P-77", "--data-dir", dir.Path, "--mqtts-port", "18883");

        Assert.Equal(0, code);
        string secret = GatewayProcess.SecretFrom(stdout);
        Assert.Equal(1, stdout.Split(secret).Length - 1);
        string bundle = Path.Combine(dir.Path, "provisioning", "unit-7-bundle");
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "unit-config.json")));
        var mqtt = config.RootElement.GetProperty("mqtt");
        Assert.Equal("unit-7", mqtt.GetProperty("username").GetString());
        Assert.Equal(secret, mqtt.GetProperty("password").GetString());
        Assert.Equal(18883, mqtt.GetProperty("port").GetInt32());
        Assert.Equal(File.ReadAllText(Path.Combine(dir.Path, "tls", "hub-ca.pem")), File.ReadAllText(Path.Combine(bundle, "hub-ca.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(bundle, "unit-config.json")));
        }

        Assert.True(new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"))).VerifyCredentials("unit-7", secret));
    }

    [Fact]
    public async Task UnitsAdd_BundleConfig_IsWhatTheHomeUnitFirmwareAccepts()
    {
        using var dir = new TempDirectory();

        var (code, stdout, _) = await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-8", "--data-dir", dir.Path, "--mqtts-port", "18883");

        Assert.Equal(0, code);
        string json = File.ReadAllText(Path.Combine(dir.Path, "provisioning", "unit-8-bundle", "unit-config.json"));
        Assert.True(HomeUnit.Config.UnitConfig.TryParse(json, out var config, out string error), error);
        Assert.Equal(("unit-8", 18883, true, "hub-ca.pem"), (config.UnitId, config.Port, config.Tls, config.CaFile));
        Assert.Equal(GatewayProcess.SecretFrom(stdout), config.Password);
    }

    [Fact]
    public async Task UnitsAdd_DuplicateOrBadId_ExitsTwo()
    {
        using var dir = new TempDirectory();
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-7", "--data-dir", dir.Path);

        var duplicate = await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-7", "--data-dir", dir.Path);
        var bad = await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "a/b", "--data-dir", dir.Path);

        Assert.Equal(2, duplicate.Code);
        Assert.StartsWith("refused: ", duplicate.Stderr, StringComparison.Ordinal);
        Assert.Contains("already exists", Assert.Single(duplicate.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.DoesNotContain("secret: ", duplicate.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, bad.Code);
        Assert.StartsWith("refused: ", Assert.Single(bad.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitsListAndRevoke_ShowState()
    {
        using var dir = new TempDirectory();
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--patient-ref", "P-1", "--data-dir", dir.Path);
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-2", "--data-dir", dir.Path);

        var revoke = await GatewayProcess.RunAsync("units", "revoke", "unit-2", "--data-dir", dir.Path);
        var list = await GatewayProcess.RunAsync("units", "list", "--data-dir", dir.Path);
        var again = await GatewayProcess.RunAsync("units", "revoke", "unit-2", "--data-dir", dir.Path);

        Assert.Equal(0, revoke.Code);
        Assert.Equal(0, list.Code);
        string unit1 = list.Stdout.Split('\n').Single(l => l.Contains("unit-1", StringComparison.Ordinal));
        string unit2 = list.Stdout.Split('\n').Single(l => l.Contains("unit-2", StringComparison.Ordinal));
        Assert.Contains("offline", unit1, StringComparison.Ordinal);
        Assert.Contains("P-1", unit1, StringComparison.Ordinal);
        Assert.Contains("revoked", unit2, StringComparison.Ordinal);
        Assert.Equal(2, again.Code);
        Assert.Equal("refused: no active unit 'unit-2'", again.Stderr.Trim());
    }

    [Fact]
    public async Task ReadingsExport_Jsonl_OneObjectPerReadingFilteredByUnitAndSince()
    {
        using var dir = new TempDirectory();
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        // Registered: an export for a unit the hub does not know is refused (a mistyped id is not "sent nothing").
        var units = new UnitRegistry(database);
        units.Add("u1", null);
        units.Add("u2", null);
        await using (var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance))
        {
            await writer.CommitFrameAsync("u1", "t", new byte[] { 1 }, new[] { Readings.Glucose(1, 1, "5.6"), Readings.Weight(2, "81.35") }, new string?[2], DateTimeOffset.UtcNow);
            await writer.CommitFrameAsync("u2", "t", new byte[] { 1 }, new[] { Readings.Glucose(1, 1) }, new string?[1], DateTimeOffset.UtcNow);
        }

        var all = await GatewayProcess.RunAsync("readings", "export", "--format", "jsonl", "--data-dir", dir.Path);
        var u1 = await GatewayProcess.RunAsync("readings", "export", "--unit", "u1", "--format", "jsonl", "--data-dir", dir.Path);
        var future = await GatewayProcess.RunAsync("readings", "export", "--since", "2999-01-01T00:00:00Z", "--format", "jsonl", "--data-dir", dir.Path);

        Assert.Equal(3, all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var lines = u1.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("u1", l.GetProperty("unit").GetString()));
        var weight = lines[1];
        Assert.Equal("weight", weight.GetProperty("kind").GetString());
        Assert.Equal("81.35", weight.GetProperty("values")[0].GetProperty("value").GetString());
        Assert.Equal("kg", weight.GetProperty("values")[0].GetProperty("unit").GetString());
        Assert.False(weight.GetProperty("forwarded").GetBoolean());
        Assert.Equal(2, weight.GetProperty("deviceSlot").GetInt32());
        Assert.True(weight.TryGetProperty("receivedUtc", out _));
        Assert.True(weight.TryGetProperty("deviceTime", out _));
        Assert.Empty(future.Stdout.Trim());
    }

    [Fact]
    public async Task ReadingsExport_WithoutFormat_IsAnError()
    {
        using var dir = new TempDirectory();

        var result = await GatewayProcess.RunAsync("readings", "export", "--data-dir", dir.Path);

        Assert.NotEqual(0, result.Code);
    }

    [Fact]
    public async Task Status_ShowsUnitsBacklogCloudAndQuarantine()
    {
        using var dir = new TempDirectory();
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--data-dir", dir.Path);
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        await using (var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance))
        {
            await writer.CommitFrameAsync("unit-1", "t", new byte[] { 1 }, new[] { Readings.Glucose(1, 1) }, new string?[1], DateTimeOffset.UtcNow);
            await writer.QuarantineAsync("unit-1", "dorset/v1/unit-1/readings", new byte[] { 9, 9 }, "bad CRC-32", DateTimeOffset.UtcNow);
        }

        var (code, stdout, _) = await GatewayProcess.RunAsync("status", "--data-dir", dir.Path, "--cloud-url", "https://cloud.example");

        Assert.Equal(0, code);
        Assert.Contains("unit-1", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^Waiting for the cloud\s+1 readings, the oldest \d+ min ago$", stdout);
        Assert.Matches(@"(?m)^Cloud link\s+DOWN \(https://cloud\.example\)$", stdout);
        Assert.Matches(@"(?m)^Quarantined frames\s+1$", stdout);
        Assert.Contains("quarantine (latest 1)", stdout, StringComparison.Ordinal);
        Assert.Contains("bad CRC-32", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbs_WhileServiceRuns_AddIsUsableAndRevokeClosesTheSession()
    {
        using var dir = new TempDirectory();
        await using var host = new GatewayHost(dataDir: dir.Path);

        var add = await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-live", "--data-dir", dir.Path);
        var (client, code) = await UnitClient.ConnectAsync(host.MqttPort, "unit-live", GatewayProcess.SecretFrom(add.Stdout));
        await using var _ = client;
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, code);
        await client.SubscribeAsync(Dorset.Telehealth.Gateway.Broker.MqttTopics.Config("unit-live"));
        await Eventually.TrueAsync(() => !client.Received.IsEmpty, because: "the new unit's retained config is published by the running service");

        var revoke = await GatewayProcess.RunAsync("units", "revoke", "unit-live", "--data-dir", dir.Path);

        Assert.Equal(0, revoke.Code);
        await client.WaitForDisconnectAsync(TimeSpan.FromSeconds(15));
        var status = await GatewayProcess.RunAsync("status", "--data-dir", dir.Path);
        Assert.Contains("revoked", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitsPair_ValidDevice_IsInTheConfigAndBadOnesAreRefused()
    {
        using var dir = new TempDirectory();
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--data-dir", dir.Path);

        var pair = await GatewayProcess.RunAsync("units", "pair", "unit-1", "--slot", "0", "--address", "c0:26:da:01:02:03", "--kind", "glucose-meter", "--needs-bond", "--data-dir", dir.Path);
        var badAddress = await GatewayProcess.RunAsync("units", "pair", "unit-1", "--slot", "1", "--address", "C0:26:DA", "--kind", "weight-scale", "--data-dir", dir.Path);
        var badKind = await GatewayProcess.RunAsync("units", "pair", "unit-1", "--slot", "1", "--address", "00:1B:DC:44:55:66", "--kind", "toaster", "--data-dir", dir.Path);
        // The unit refuses a whole config with a slot above 15, and would then read none of its new devices.
        var slotTooHigh = await GatewayProcess.RunAsync("units", "pair", "unit-1", "--slot", "16", "--address", "00:1B:DC:44:55:66", "--kind", "weight-scale", "--data-dir", dir.Path);

        Assert.Equal(0, pair.Code);
        Assert.Equal(2, badAddress.Code);
        Assert.Equal(2, badKind.Code);
        Assert.Equal(2, slotTooHigh.Code);
        Assert.Contains("slot must be 0..15", Assert.Single(slotTooHigh.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
        var unit = new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"))).Find("unit-1")!;
        var device = Assert.Single(UnitConfig.Devices(unit.ConfigJson));
        Assert.Equal(new PairedDevice(0, "C0:26:DA:01:02:03", "glucose-meter", true), device);

        var remove = await GatewayProcess.RunAsync("units", "pair", "unit-1", "--slot", "0", "--remove", "--data-dir", dir.Path);

        Assert.Equal(0, remove.Code);
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        unit = new UnitRegistry(database).Find("unit-1")!;
        Assert.Empty(UnitConfig.Devices(unit.ConfigJson));
        var audit = AuditLog.Read(database, "unit:unit-1", 10);
        Assert.Equal(new[] { "unit.unpair", "unit.pair", "unit.provision" }, audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.StartsWith("cli:", a.Actor, StringComparison.Ordinal));
        Assert.Contains("C0:26:DA:01:02:03", audit[1].NewJson, StringComparison.Ordinal);
        Assert.DoesNotContain("C0:26:DA:01:02:03", audit[1].OldJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitsPair_SharedScale_RecordsThePatientsUserAndRefusesItElsewhere()
    {
        using var dir = new TempDirectory();
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--data-dir", dir.Path);

        var scale = await GatewayProcess.RunAsync("units", "pair", "unit-1", "--slot", "2", "--address", "D4:36:39:AA:BB:CC", "--kind", "weight-scale", "--scale-user", "1", "--data-dir", dir.Path);
        var unknownUser = await GatewayProcess.RunAsync("units", "pair", "unit-1", "--slot", "3", "--address", "D4:36:39:AA:BB:CD", "--kind", "weight-scale", "--scale-user", "255", "--data-dir", dir.Path);
        var notAScale = await GatewayProcess.RunAsync("units", "pair", "unit-1", "--slot", "0", "--address", "C0:26:DA:01:02:03", "--kind", "glucose-meter", "--scale-user", "1", "--data-dir", dir.Path);

        Assert.Equal(0, scale.Code);
        Assert.Equal(2, unknownUser.Code);
        Assert.Equal(2, notAScale.Code);
        Assert.Contains("scale user number is for a weight-scale only", Assert.Single(notAScale.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
        var unit = new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"))).Find("unit-1")!;
        Assert.Equal(new PairedDevice(2, "D4:36:39:AA:BB:CC", "weight-scale", false, 1), Assert.Single(UnitConfig.Devices(unit.ConfigJson)));
    }
}
