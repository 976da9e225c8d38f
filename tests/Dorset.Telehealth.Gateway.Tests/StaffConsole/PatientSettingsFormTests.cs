using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dorset.Telehealth.Clinical.Settings;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.StaffConsole;
using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>The settings form of the patient page: every setting shown, and a post turned into only the changes made.</summary>
public sealed class PatientSettingsFormTests
{
    private static readonly JsonObject Overrides = JsonNode.Parse("""{"spo2UrgentAtOrBelow":88,"expectedDeviceKinds":["weight-scale"],"deviceScheduleHoursByKind":{"weight-scale":24}}""")!.AsObject();

    [Fact]
    public void Fields_CoverEverySetting()
    {
        var names = JsonSerializer.SerializeToNode(PatientSettings.Default, AlertJson.Default.PatientSettings)!.AsObject().Select(p => p.Key)
            .Where(n => n != "deviceScheduleHoursByKind").Concat(UnitConfig.Kinds.Select(k => "deviceScheduleHours." + k));

        Assert.Equal(names.Order(StringComparer.Ordinal), PatientSettingsForm.Fields.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rows_ShowInForceDefaultAndOverride_WithUnits()
    {
        var view = new PatientSettingsView("case-17", Overrides, PatientSettingsJson.Parse(Overrides.ToJsonString()));

        var rows = PatientSettingsForm.Rows(view).ToDictionary(r => r.Field.Name);

        Assert.Equal(("88 %", "92 %", "88"), (rows["spo2UrgentAtOrBelow"].InForce, rows["spo2UrgentAtOrBelow"].Default, rows["spo2UrgentAtOrBelow"].Override));
        Assert.Equal(("4.0 mmol/L", ""), (rows["glucoseLowBelow"].InForce, rows["glucoseLowBelow"].Override));
        Assert.Equal(("weight-scale", "every paired device", "weight-scale"), (rows["expectedDeviceKinds"].InForce, rows["expectedDeviceKinds"].Default, rows["expectedDeviceKinds"].Override));
        Assert.Equal(("24 h", "36 h", "24"), (rows["deviceScheduleHours.weight-scale"].InForce, rows["deviceScheduleHours.weight-scale"].Default, rows["deviceScheduleHours.weight-scale"].Override));
        Assert.Equal(("no", ""), (rows["supplementalOxygen"].InForce, rows["supplementalOxygen"].Override));
    }

    [Fact]
    public void Assignments_AreOnlyTheFieldsThatDiffer_BlankMeaningTheDefault()
    {
        var posted = new Dictionary<string, string>
        {
            ["spo2UrgentAtOrBelow"] = "88",                 // as stored
            ["expectedDeviceKinds"] = " weight-scale ",       // as stored, spaced
            ["glucoseLowBelow"] = "4.5",                     // new override
            ["deviceScheduleHours.weight-scale"] = "",       // back to the default
            ["supplementalOxygen"] = "true",
            ["notASetting"] = "1",                            // not a field: never read
        };

        var assignments = PatientSettingsForm.Assignments(Overrides, n => posted.GetValueOrDefault(n), out string? problem);

        Assert.Null(problem);
        Assert.Equal(new[] { "supplementalOxygen=true", "glucoseLowBelow=4.5", "deviceScheduleHours.weight-scale=default" }, assignments);
        var changes = PatientSettingAssignments.Parse(assignments!, Overrides, out problem)!;
        Assert.Null(problem);
        Assert.Null(changes["deviceScheduleHoursByKind"]);
        Assert.Equal(4.5m, changes["glucoseLowBelow"]!.GetValue<decimal>());
    }

    [Fact]
    public void Assignments_AValueTooLong_IsRefusedNamingTheField()
    {
        var assignments = PatientSettingsForm.Assignments(Overrides, n => n == "glucoseLowBelow" ? new string('4', 201) : null, out string? problem);

        Assert.Null(assignments);
        Assert.Equal("glucoseLowBelow: at most 200 characters", problem);
    }
}
