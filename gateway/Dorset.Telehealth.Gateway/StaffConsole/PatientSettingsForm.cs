using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dorset.Telehealth.Clinical.Settings;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// The patient page's settings: every setting with its value in force and its default, and for admins a form of the
/// overrides, where a blank field means "the default". A post becomes the NAME=VALUE changes `patients set` takes, for
/// only the fields that differ from the stored overrides, so <see cref="PatientSettingsStore"/> validates and audits the
/// console's change exactly as the CLI's.
/// </summary>
public static class PatientSettingsForm
{
    /// <summary>The longest value a field takes.</summary>
    public const int MaxValueLength = 200;

    private const string SchedulePrefix = "deviceScheduleHours.";
    private const string ExpectedKinds = "expectedDeviceKinds";

    /// <summary>The settings in page order, every one of <see cref="PatientSettings"/>.</summary>
    public static IReadOnlyList<PatientSettingField> Fields { get; } = new PatientSettingField[]
    {
        new("spo2UrgentAtOrBelow", "SpO2 red-urgent at or below", "%"),
        new("spo2AmberAtOrBelow", "SpO2 amber at or below", "%"),
        new("spo2Scale", "NEWS2 SpO2 scale", "", "1, or 2 for a prescribed target of 88-92 %"),
        new("supplementalOxygen", "On supplemental oxygen at home", "", IsSwitch: true),
        new("news2WindowMinutes", "Readings combined into one partial NEWS2 within", "min"),
        new("glucoseVeryLowBelow", "Glucose red-urgent below", "mmol/L"),
        new("glucoseLowBelow", "Glucose red below", "mmol/L"),
        new("glucoseHighAbove", "Glucose amber above", "mmol/L"),
        new("glucoseVeryHighAbove", "Glucose red above", "mmol/L"),
        new("glucosePreMealAbove", "Glucose before a meal: notice above", "mmol/L"),
        new("glucosePostMealAbove", "Glucose after a meal: notice above", "mmol/L"),
        new("weightGainKg", "Weight gain: amber above", "kg"),
        new("weightGainDays", "Weight gain window", "days", "UK calendar days"),
        new("lateAfterMinutes", "A reading is late when it arrives after", "min"),
        new(ExpectedKinds, "Devices expected", "", "device kinds separated by commas (" + string.Join(", ", UnitConfig.Kinds) + "); blank: every paired device"),
        new("deviceScheduleHours", "Stale-data notice after an expected device is silent for", "h"),
    }.Concat(UnitConfig.Kinds.Select(kind => new PatientSettingField(SchedulePrefix + kind, $"Stale-data notice after the {kind} is silent for", "h")))
    .Concat(new PatientSettingField[]
    {
        new("unitOfflineMinutes", "Unit offline notice after", "min"),
        new("batteryLowAtOrBelow", "Battery low notice at or below", "%"),
    }).ToList();

    /// <summary>Every setting of <paramref name="view"/>'s patient: in force, default, override.</summary>
    public static IReadOnlyList<PatientSettingRow> Rows(PatientSettingsView view)
    {
        JsonObject inForce = Json(view.Effective), defaults = Json(PatientSettings.Default);
        return Fields.Select(f => new PatientSettingRow(f, Shown(inForce, view.Effective, f), Shown(defaults, PatientSettings.Default, f), OverrideText(view.Overrides, f)))
            .ToList();
    }

    /// <summary>The stored override of <paramref name="field"/> as the form shows it; empty when it follows the default.</summary>
    public static string OverrideText(JsonObject overrides, PatientSettingField field) => Text(Node(overrides, field.Name));

    /// <summary>
    /// The NAME=VALUE changes from a posted form (field name to text; a field not posted is left as it is), or null with
    /// the problem naming the field. Empty when nothing differs from <paramref name="overrides"/>.
    /// </summary>
    public static IReadOnlyList<string>? Assignments(JsonObject overrides, Func<string, string?> posted, out string? problem)
    {
        var assignments = new List<string>();
        foreach (PatientSettingField field in Fields)
        {
            string? text = posted(field.Name)?.Trim();
            if (text != null && field.Name == ExpectedKinds)
            {
                text = string.Join(",", text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            if (text == null || text == OverrideText(overrides, field))
            {
                continue;
            }

            if (text.Length > MaxValueLength)
            {
                problem = $"{field.Name}: at most {MaxValueLength} characters";
                return null;
            }

            assignments.Add(field.Name + "=" + (text.Length == 0 ? "default" : text));
        }

        problem = null;
        return assignments;
    }

    private static JsonObject Json(PatientSettings settings) => (JsonObject)JsonSerializer.SerializeToNode(settings, AlertJson.Default.PatientSettings)!;

    private static string Shown(JsonObject all, PatientSettings settings, PatientSettingField field)
    {
        string value = field.Name.StartsWith(SchedulePrefix, StringComparison.Ordinal)
            ? settings.ScheduleHoursFor(field.Name[SchedulePrefix.Length..]).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : all[field.Name] is JsonNode node ? (field.IsSwitch ? (node.GetValue<bool>() ? "yes" : "no") : Text(node))
            : "every paired device";
        return field.Unit.Length == 0 ? value : value + " " + field.Unit;
    }

    private static JsonNode? Node(JsonObject settings, string name) =>
        name.StartsWith(SchedulePrefix, StringComparison.Ordinal)
            ? (settings["deviceScheduleHoursByKind"] as JsonObject)?[name[SchedulePrefix.Length..]]
            : settings[name];

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray list => string.Join(",", list.Select(k => k?.GetValue<string>())),
        _ => node.ToJsonString(),
    };
}
