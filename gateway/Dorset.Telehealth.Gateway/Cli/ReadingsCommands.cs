using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>`readings export [--unit ID] [--since ISO] --format jsonl`.</summary>
public static class ReadingsCommands
{
    /// <summary>Builds the `readings` verb.</summary>
    public static Command Create()
    {
        var readings = new Command("readings", "Readings stored on this gateway.");
        var common = new CommonOptions();
        var unit = new Option<string?>("--unit") { Description = "Only this unit's readings." };
        var since = new Option<string?>("--since") { Description = "Only readings received at or after this ISO 8601 instant (e.g. 2026-11-24T00:00:00Z)." };
        var format = new Option<string>("--format") { Description = "Output format: jsonl (one JSON object per reading).", Required = true };
        format.AcceptOnlyFromAmong("jsonl");
        var export = new Command("export", "Write readings to stdout, in arrival order.") { unit, since, format };
        common.AddTo(export);
        common.SetAction(export, (parse, context) =>
        {
            DateTimeOffset? from = null;
            string? sinceText = parse.GetValue(since);
            if (sinceText != null)
            {
                if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    Console.Error.WriteLine($"--since: '{sinceText}' is not an ISO 8601 instant");
                    return UnitsCommands.RefusedExitCode;
                }

                from = parsed;
            }

            string? unitId = parse.GetValue(unit);
            if (unitId != null && context.Units.Find(unitId) == null)
            {
                // Not an empty export: a mistyped id must not read as "this unit sent nothing".
                Console.Error.WriteLine($"--unit: no unit '{unitId}' on this hub (units list shows them)");
                return UnitsCommands.RefusedExitCode;
            }

            Write(context.Readings, unitId, from, Console.Out);
            return 0;
        });
        readings.Subcommands.Add(export);
        return readings;
    }

    /// <summary>Writes JSON lines.</summary>
    public static void Write(ReadingStore store, string? unitId, DateTimeOffset? since, TextWriter output)
    {
        foreach (ExportedReading reading in store.Export(unitId, since))
        {
            output.WriteLine(JsonSerializer.Serialize(reading, GatewayJson.Default.ExportedReading));
        }

        output.Flush();
    }
}
