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

/// <summary>`alerts list|ack` and `patients show|set` as processes on a data dir, as hub staff would run them.</summary>
public sealed class AlertCommandsTests
{
    private static async Task<(TempDirectory Dir, string AlertId)> DataDirWithAHypoAsync()
    {
        var dir = new TempDirectory();
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--patient-ref", "case-9", "--data-dir", dir.Path);
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        await using (var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance))
        {
            await writer.CommitFrameAsync("unit-1", "t", new byte[] { 1 }, new[] { Readings.Glucose(1, 1, "2.7") }, new string?[1], DateTimeOffset.UtcNow);
        }

        return (dir, new AlertStore(database).List(null, null, null).Single().Id);
    }

    [Fact]
    public async Task AlertsList_ShowsPatientUnitRuleAndValue_AndJsonCarriesTheReading()
    {
        var (dir, id) = await DataDirWithAHypoAsync();
        using var _ = dir;

        var table = await GatewayProcess.RunAsync("alerts", "list", "--state", "open", "--data-dir", dir.Path);
        var json = await GatewayProcess.RunAsync("alerts", "list", "--patient", "case-9", "--json", "--data-dir", dir.Path);
        var none = await GatewayProcess.RunAsync("alerts", "list", "--patient", "someone-else", "--json", "--data-dir", dir.Path);

        Assert.Equal(0, table.Code);
        string row = table.Stdout.Split('\n').Single(l => l.Contains(id, StringComparison.Ordinal));
        foreach (string expected in new[] { "red-urgent", "case-9", "unit-1", "glucose-low v1", "2.7 mmol/L" })
        {
            Assert.Contains(expected, row, StringComparison.Ordinal);
        }

        using var alert = JsonDocument.Parse(json.Stdout.Trim());
        Assert.Equal("2.7", alert.RootElement.GetProperty("evidence")[0].GetProperty("value").GetString());
        Assert.Empty(none.Stdout.Trim());
    }

    [Fact]
    public async Task AlertsAck_RecordsWhoAndNote_ASecondIsRefusedNamingTheFirst_AndAnUnknownIdIsRefused()
    {
        var (dir, id) = await DataDirWithAHypoAsync();
        using var _ = dir;

        var ack = await GatewayProcess.RunAsync("alerts", "ack", id, "--by", "nurse.jones", "--note", "phoned; ate", "--data-dir", dir.Path);
        var again = await GatewayProcess.RunAsync("alerts", "ack", id, "--by", "someone", "--note", "phoned too", "--data-dir", dir.Path);
        var unknown = await GatewayProcess.RunAsync("alerts", "ack", "no-such-alert", "--by", "someone", "--note", "phoned", "--data-dir", dir.Path);

        Assert.Equal(0, ack.Code);
        Assert.Equal(2, again.Code);
        Assert.Contains($"already acknowledged by nurse.jones ({CliUser})", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unknown.Code);
        Assert.Single(unknown.Stderr.Trim().Split('\n'));
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        var stored = new AlertStore(database).Get(id)!;
        Assert.Equal(($"nurse.jones ({CliUser})", "phoned; ate"), (stored.Acknowledged!.By, stored.Acknowledged.Note));
        var audit = Assert.Single(AuditLog.Read(database, "alert:" + id, 10));
        Assert.Equal(("alert.acknowledge", $"nurse.jones ({CliUser})"), (audit.Action, audit.Actor));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("x1001")]
    public async Task AlertsAck_WithoutANoteOfOneTo1000Characters_IsRefusedOnOneLine_AndTheAlertStaysOpen(string? note)
    {
        var (dir, id) = await DataDirWithAHypoAsync();
        using var _ = dir;
        string[] noteArgs = note switch { null => [], "x1001" => ["--note", new string('x', 1001)], _ => ["--note", note] };

        var ack = await GatewayProcess.RunAsync(["alerts", "ack", id, "--by", "nurse.jones", .. noteArgs, "--data-dir", dir.Path]);

        Assert.Equal(2, ack.Code);
        Assert.Equal("--note must say what was done (1..1000 characters)", ack.Stderr.Trim());
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        var stored = new AlertStore(database).Get(id)!;
        Assert.Equal((AlertRecord.Open, null), (stored.State, stored.Acknowledged));
        Assert.Empty(AuditLog.Read(database, "alert:" + id, 10));
    }

    [Fact]
    public async Task AlertsList_Piped_KeepsEveryAlertIdWholeOnOneLine_EvenWhenTheTableIsWiderThanTheOutput()
    {
        using var dir = new TempDirectory();
        // Unit ids, patient references and names at their 64-character limits make the table wider than piped output's 240 columns.
        string[] units = { "unit-" + new string('a', 59), "unit-" + new string('b', 59) };
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        foreach (string unit in units)
        {
            await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", unit, "--patient-ref", "case" + unit[4..], "--data-dir", dir.Path);
            await using var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
            await writer.CommitFrameAsync(unit, "t", new byte[] { 1 }, new[] { Readings.Glucose(1, 1, "2.7") }, new string?[1], DateTimeOffset.UtcNow);
        }

        var ids = new AlertStore(database).List(null, null, null).Select(a => a.Id).ToList();
        await GatewayProcess.RunAsync("alerts", "ack", ids[0], "--by", new string('n', 64), "--note", "phoned", "--data-dir", dir.Path);

        var list = await GatewayProcess.RunAsync("alerts", "list", "--data-dir", dir.Path);

        Assert.Equal(0, list.Code);
        Assert.Equal(2, ids.Count);
        Assert.All(ids, id => Assert.Contains(list.Stdout.Split('\n'), line => line.Contains(id, StringComparison.Ordinal)));
    }

    private static string CliUser => "cli:" + Environment.UserName;

    [Fact]
    public async Task Status_ListsOpenAlerts()
    {
        var (dir, id) = await DataDirWithAHypoAsync();
        using var _ = dir;

        var status = await GatewayProcess.RunAsync("status", "--data-dir", dir.Path);

        Assert.Equal(0, status.Code);
        Assert.Contains("open alerts (1)", status.Stdout, StringComparison.Ordinal);
        Assert.Contains(id, status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatientsSet_ValidOverridesAreShown_AndABadOneIsOneLineNamingItWithNothingChanged()
    {
        using var dir = new TempDirectory();
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-0", "--data-dir", dir.Path);
        var unknown = await GatewayProcess.RunAsync("patients", "set", "case-9", "spo2Scale=2", "--by", "dr.patel", "--data-dir", dir.Path);
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--patient-ref", "case-9", "--data-dir", dir.Path);

        var set = await GatewayProcess.RunAsync("patients", "set", "case-9", "spo2Scale=2", "supplementalOxygen=true", "deviceScheduleHours.weight-scale=24",
            "--by", "dr.patel", "--data-dir", dir.Path);
        var bad = await GatewayProcess.RunAsync("patients", "set", "case-9", "spo2Scale=2", "glucoseLowBelow=banana", "--by", "dr.patel", "--data-dir", dir.Path);
        var typo = await GatewayProcess.RunAsync("patients", "set", "case-9", "spo2Scael=1", "--by", "dr.patel", "--data-dir", dir.Path);
        var show = await GatewayProcess.RunAsync("patients", "show", "case-9", "--data-dir", dir.Path);

        Assert.Equal(2, unknown.Code);
        Assert.Contains("no unit has patient reference 'case-9'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, set.Code);
        Assert.Contains("note: home-oximetry-spo2 still alerts red-urgent at or below 92 %", set.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, bad.Code);
        Assert.Contains("glucoseLowBelow", bad.Stderr, StringComparison.Ordinal);
        Assert.Single(bad.Stderr.Trim().Split('\n'));
        Assert.Equal(2, typo.Code);
        Assert.Contains("spo2Scael", typo.Stderr, StringComparison.Ordinal);
        string overrides = show.Stdout.Split('\n').Single(l => l.StartsWith("overrides:", StringComparison.Ordinal));
        Assert.Contains("\"spo2Scale\":2", overrides, StringComparison.Ordinal);
        Assert.Contains("\"supplementalOxygen\":true", overrides, StringComparison.Ordinal);
        Assert.Contains("\"deviceScheduleHoursByKind\":{\"weight-scale\":24}", overrides, StringComparison.Ordinal);
        Assert.Single(AuditLog.Read(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")), "patient:case-9", 10));
    }
}
