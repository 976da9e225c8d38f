using Dorset.Telehealth.TestSupport;
using System;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;

namespace Dorset.Telehealth.Gateway.Tests.Storage;

public sealed class UnitRegistryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly GatewayDatabase _database;
    private readonly UnitRegistry _registry;

    public UnitRegistryTests()
    {
        _database = new GatewayDatabase(System.IO.Path.Combine(_dir.Path, "gateway.db"));
        _registry = new UnitRegistry(_database);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Add_ThenVerify_AcceptsOnlyTheSecret()
    {
        string secret = _registry.Add("unit-1", "P-9");

        Assert.True(_registry.VerifyCredentials("unit-1", secret));
        Assert.False(_registry.VerifyCredentials("unit-1", secret + "x"));
        Assert.Equal("P-9", _registry.Find("unit-1")!.PatientRef);
    }

    [Fact]
    public void Add_StoresNoPlainSecret()
    {
        string secret = _registry.Add("unit-1", null);

        byte[] file = System.IO.File.ReadAllBytes(System.IO.Path.Combine(_dir.Path, "gateway.db"));
        string text = System.Text.Encoding.ASCII.GetString(file);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SameIdTwice_IsRefused()
    {
        _registry.Add("unit-1", null);

        Assert.Throws<InvalidOperationException>(() => _registry.Add("unit-1", null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("unit+")]
    [InlineData("unit#")]
    [InlineData("$gateway")]
    [InlineData("a b")]
    public void Add_IdUnsafeAsTopicLevel_IsRefused(string unitId)
    {
        Assert.Throws<ArgumentException>(() => _registry.Add(unitId, null));
    }

    [Fact]
    public void Revoke_AfterSuccessfulLogin_RefusesEvenCachedSecret()
    {
        string secret = _registry.Add("unit-1", null);
        Assert.True(_registry.VerifyCredentials("unit-1", secret));

        Assert.True(_registry.Revoke("unit-1"));

        Assert.False(_registry.VerifyCredentials("unit-1", secret));
        Assert.True(_registry.Find("unit-1")!.IsRevoked);
        Assert.False(_registry.Revoke("unit-1"));
    }

    [Fact]
    public void Revoke_FromAnotherRegistryInstance_IsSeenByTheService()
    {
        // The CLI revokes through its own registry while the service's registry has the secret cached.
        string secret = _registry.Add("unit-1", null);
        Assert.True(_registry.VerifyCredentials("unit-1", secret));
        var cli = new UnitRegistry(new GatewayDatabase(System.IO.Path.Combine(_dir.Path, "gateway.db")));

        cli.Revoke("unit-1");

        Assert.False(_registry.VerifyCredentials("unit-1", secret));
    }

    [Fact]
    public void ApplyStatus_PartialReport_KeepsEarlierFields()
    {
        _registry.Add("unit-1", null);
        _registry.ApplyStatus("unit-1", new UnitStatusReport(true, "1.0.0", 90, -50, 0, 0, true, "{}"), DateTimeOffset.UtcNow);

        _registry.ApplyStatus("unit-1", new UnitStatusReport(null, null, 80, null, null, null, null, "{}"), DateTimeOffset.UtcNow);

        var unit = _registry.Find("unit-1")!;
        Assert.Equal("1.0.0", unit.Firmware);
        Assert.Equal(80, unit.BatteryPercent);
        Assert.True(unit.Online);
    }

    [Fact]
    public void ApplyStatus_DeviceSessionsThatNeedAction_AreWhatNeedsAttention_ByKind()
    {
        _registry.Add("unit-1", null);
        _registry.SetConfig("unit-1", """{"devices":[{"slot":0,"address":"C0:26:DA:01:02:03","kind":"glucose-meter","needsBond":true},{"slot":2,"address":"D4:36:39:AA:BB:CC","kind":"weight-scale"},{"slot":3,"address":"D4:36:39:AA:BB:DD","kind":"blood-pressure-monitor"}],"settings":{}}""");
        string status = """{"state":"online","sessions":[{"slot":0,"last":"bond-failed"},{"slot":1,"last":"completed"},{"slot":2,"last":"refused"},{"slot":3,"last":"unit-fault"}]}""";

        _registry.ApplyStatus("unit-1", UnitStatusHandler.Parse(System.Text.Encoding.UTF8.GetBytes(status))!, DateTimeOffset.UtcNow);

        // unit-fault: the unit's own radio failed while trying the cuff, which no one at home can see but the red LED.
        Assert.Equal("glucose-meter (slot 0) bond-failed; weight-scale (slot 2) refused; blood-pressure-monitor (slot 3) unit-fault", _registry.Find("unit-1")!.Attention);
    }

    [Theory]
    [InlineData("""{"state":"online","sessions":[{"slot":0,"last":"completed"}]}""")]
    [InlineData("""{"state":"online","sessions":[{"slot":0,"last":"unreachable"},{"slot":1,"last":"timed-out"},{"slot":2,"last":"disconnected"}]}""")]
    [InlineData("""{"state":"online"}""")]
    [InlineData("""{"state":"online","sessions":"garbled"}""")]
    [InlineData("""{"state":"online","sessions":[{"slot":"0","last":"refused"},{"slot":-1,"last":"refused"}]}""")]
    public void ApplyStatus_SessionsThatAreNormalBetweenUsesOrNoneReported_NeedNoAttention(string status)
    {
        _registry.Add("unit-1", null);

        _registry.ApplyStatus("unit-1", UnitStatusHandler.Parse(System.Text.Encoding.UTF8.GetBytes(status))!, DateTimeOffset.UtcNow);

        Assert.Null(_registry.Find("unit-1")!.Attention);
    }

    [Fact]
    public void ApplyStatus_ReadingsTheUnitDeadLettered_NeedAttention_BesideADevicesSession()
    {
        _registry.Add("unit-1", null);
        _registry.SetConfig("unit-1", """{"devices":[{"slot":0,"address":"C0:26:DA:01:02:03","kind":"glucose-meter","needsBond":true}],"settings":{}}""");
        string status = """{"state":"online","deadLettered":2,"sessions":[{"slot":0,"last":"bond-failed"}]}""";

        _registry.ApplyStatus("unit-1", UnitStatusHandler.Parse(System.Text.Encoding.UTF8.GetBytes(status))!, DateTimeOffset.UtcNow);

        Assert.Equal("glucose-meter (slot 0) bond-failed; 2 reading(s) dead-lettered on the unit (a firmware fault: kept in its deadletter.log, never sent)",
            _registry.Find("unit-1")!.Attention);
    }

    [Fact]
    public async System.Threading.Tasks.Task FramesOfTheUnitInQuarantine_NeedAttention_OnlyOnThatUnit()
    {
        _registry.Add("unit-1", null);
        _registry.Add("unit-2", null);
        await using (var writer = new GroupCommitWriter(_database, Microsoft.Extensions.Logging.Abstractions.NullLogger<GroupCommitWriter>.Instance))
        {
            await writer.QuarantineAsync("unit-1", "dorset/v1/unit-1/readings", [3, 1, 2], "version 3 is not supported", DateTimeOffset.UtcNow);
        }

        Assert.Equal("1 frame(s) quarantined at the hub (did not decode: see quarantine)", _registry.Find("unit-1")!.Attention);
        Assert.Null(_registry.Find("unit-2")!.Attention);
        Assert.Contains(_registry.List(), u => u.UnitId == "unit-1" && u.Attention != null);
    }

    [Theory]
    [InlineData("unit.1")]
    [InlineData("..")]
    [InlineData("unit-1\n")]
    public void NewUnitProblem_TheOneUnitIdRule_RefusesADot(string id)
    {
        Assert.Equal($"unit id '{id}' must be 1..64 characters of A-Z a-z 0-9 _ -", UnitRegistry.NewUnitProblem(id, null));
    }
}
