using System;
using System.Collections.Generic;
using System.Globalization;

namespace Dorset.Telehealth.Chaos;

/// <summary>
/// One chaos run: how long faults are injected (<see cref="Minutes"/>), the cloud's store, the seed of the fault
/// schedule, and how many emulated units (in fleet processes of <see cref="UnitsPerFleet"/>).
/// </summary>
public sealed record ChaosOptions(double Minutes, string Store, int Seed, int Units)
{
    /// <summary>Units per fleet process: 50 units make 10 processes.</summary>
    public const int UnitsPerFleet = 5;

    public const string Usage = "usage: chaos --minutes N [--store postgres|sqlite] [--seed S] [--units 50]";

    /// <summary>How long the faults run.</summary>
    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

    /// <summary>The options of <paramref name="args"/>, or null with <paramref name="problem"/> naming what is wrong in one line.</summary>
    public static ChaosOptions? Parse(IReadOnlyList<string> args, out string? problem)
    {
        double minutes = double.NaN;
        string store = "postgres";
        int seed = 14, units = 50;
        problem = null;
        for (int i = 0; i < args.Count && problem == null; i += 2)
        {
            string? value = i + 1 < args.Count ? args[i + 1] : null;
            problem = args[i] switch
            {
                "--minutes" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out minutes) && minutes is > 0 and <= 24 * 60
                    ? null : "--minutes must be a number of minutes above 0, at most 1440",
                "--store" => (store = value ?? string.Empty) is "postgres" or "sqlite" ? null : "--store must be postgres or sqlite",
                "--seed" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed) ? null : "--seed must be an integer",
                "--units" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out units) && units is >= 1 and <= 1000
                    ? null : "--units must be 1..1000",
                _ => $"unknown option {args[i]}; {Usage}",
            };
        }

        problem ??= double.IsNaN(minutes) ? "--minutes is required; " + Usage : null;
        return problem == null ? new ChaosOptions(minutes, store, seed, units) : null;
    }
}
