using System;
using System.CommandLine;
using System.Globalization;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;

namespace Dorset.Telehealth.Cloud.Cli;

/// <summary>`units assign`: home units and the patients they are issued to.</summary>
public static class UnitsCommands
{
    /// <summary>Builds the `units` verb.</summary>
    public static Command Create(CliOutput output)
    {
        var units = new Command("units", "Home units and the patients they are issued to.");
        units.Subcommands.Add(Assign(output));
        return units;
    }

    /// <summary>
    /// Parses --from: with an offset as given; a date or a date-time without offset is UK civil time (what the
    /// nurse issuing the unit means).
    /// </summary>
    public static bool TryParseFrom(string text, out DateTimeOffset start)
    {
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day))
        {
            start = UkCivilTime.ToOffset(day.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            return true;
        }

        if (DateTime.TryParseExact(text, new[] { "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            start = UkCivilTime.ToOffset(local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out start)
            && (text.EndsWith('Z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-')));
    }

    private static Command Assign(CliOutput output)
    {
        var unit = new Option<string>("--unit") { Description = "The home unit id.", Required = true };
        var patient = new Option<string>("--patient") { Description = "The patient's NHS number.", Required = true };
        var from = new Option<string>("--from")
        {
            Description = "Start of the assignment: an ISO date or date-time; without an offset it is UK civil time.",
            Required = true,
        };
        var unitHub = new Option<string?>("--hub") { Description = "The unit's hub; required the first time a unit is assigned." };
        var assign = new Command("assign", "Issue a unit to a patient from a time on; ends the unit's previous assignment then.") { unit, patient, from, unitHub };
        new CommonOptions().SetAction(assign, output, async (parse, open, cancel) =>
        {
            if (!NhsNumber.TryNormalise(parse.GetValue(patient), out string nhs, out string why))
            {
                throw new RegistryException($"invalid NHS number '{parse.GetValue(patient)}': {why}");
            }

            if (!TryParseFrom(parse.GetValue(from)!, out DateTimeOffset start))
            {
                throw new RegistryException($"--from '{parse.GetValue(from)}' is not an ISO date or date-time");
            }

            ICloudStore store = await open();
            AssignResult result = await store.AssignUnitAsync(parse.GetValue(unit)!, nhs, start, parse.GetValue(unitHub), cancel);
            output.Out.WriteLine($"Unit {parse.GetValue(unit)} assigned to patient {nhs} from {start:O}.");
            if (result.ClosedPatient != null)
            {
                output.Out.WriteLine($"Its assignment to patient {result.ClosedPatient} ends at that instant.");
            }

            output.Out.WriteLine($"{result.Reattributed} earlier unassigned reading(s) and {result.ReattributedAlerts} alert revision(s) attributed to patient {nhs}.");
        });
        return assign;
    }
}
