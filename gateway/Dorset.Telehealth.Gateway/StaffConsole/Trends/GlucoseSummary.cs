using System.Collections.Generic;
using System.Linq;
using System;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Gateway.StaffConsole.Trends;

/// <summary>
/// A 14-day glucose summary fit for fingerstick meters: how many readings, their mean, the share below 3.9 and 3.0 and
/// above 10.0 and 13.9 mmol/L (the international consensus ranges, Battelino et al., Diabetes Care 2019; not the alert
/// thresholds), and how many hypo episodes. No GMI: the glucose management indicator is defined on 14 days or more of
/// continuous glucose monitoring, and computed from a few fingersticks a day it would mislead. A reading counts when
/// it may alert (<see cref="AlertEligibility"/>: no control solution, invalid, demo, clock fault, ...) and has a value
/// or is a meter's HI or LO. mg/dL values are converted as the alerts convert them (<see cref="GlucoseConcentration"/>:
/// cut, never rounded), so 70 mg/dL (3.885 mmol/L) counts below 3.9 as it would alert below 4.0.
/// </summary>
/// <param name="FromUtc">The window's start (14 days before <paramref name="ToUtc"/>).</param>
/// <param name="ToUtc">The window's end, now.</param>
/// <param name="Readings">Readings counted.</param>
/// <param name="NotCounted">Glucose readings of the window left out (not the patient's, or with no usable value or time).</param>
/// <param name="MeanMmol">The mean in mmol/L of the readings with a number, to 0.1; HI and LO have none. Null when none.</param>
/// <param name="Below3_9">Readings below 3.9 mmol/L, LO included.</param>
/// <param name="Below3_0">Readings below 3.0 mmol/L, LO included.</param>
/// <param name="Above10_0">Readings above 10.0 mmol/L, HI included.</param>
/// <param name="Above13_9">Readings above 13.9 mmol/L, HI included.</param>
/// <param name="HypoEpisodes">Hypo episodes (<see cref="EpisodeGap"/>).</param>
public sealed record GlucoseSummary(DateTimeOffset FromUtc, DateTimeOffset ToUtc, int Readings, int NotCounted, decimal? MeanMmol,
    int Below3_9, int Below3_0, int Above10_0, int Above13_9, int HypoEpisodes)
{
    /// <summary>The window.</summary>
    public const int Days = 14;

    /// <summary>Below this is low (consensus level 1 and below, 70 mg/dL).</summary>
    public const decimal Low = 3.9m;

    /// <summary>Below this is very low (consensus level 2, 54 mg/dL).</summary>
    public const decimal VeryLow = 3.0m;

    /// <summary>Above this is high (consensus level 1 and above, 180 mg/dL).</summary>
    public const decimal High = 10.0m;

    /// <summary>Above this is very high (consensus level 2, 250 mg/dL).</summary>
    public const decimal VeryHigh = 13.9m;

    /// <summary>
    /// A hypo episode is one or more low readings (below 3.9 mmol/L, or LO): a low reading taken within this long after
    /// the previous low one, with no reading at or above 3.9 between them, belongs to the same episode, as a recheck 15
    /// minutes after treatment ("rule of 15") does. A reading back at or above 3.9 ends the episode.
    /// </summary>
    public static readonly TimeSpan EpisodeGap = TimeSpan.FromMinutes(15);

    /// <summary>The rule for hypo episodes, in the words the page shows.</summary>
    public const string EpisodeRule = "a hypo episode is one or more readings below 3.9 mmol/L (or LO); a low reading within 15 minutes of the previous low one, with no reading at or above 3.9 between them, is the same episode";

    /// <summary>The summary of the glucose readings among <paramref name="readings"/> taken in the 14 days to <paramref name="nowUtc"/>.</summary>
    public static GlucoseSummary Of(IEnumerable<ClinicalReading> readings, DateTimeOffset nowUtc)
    {
        DateTimeOffset from = nowUtc - TimeSpan.FromDays(Days);
        var glucose = readings.Where(r => r.Kind == ReadingKinds.Glucose && r.TakenUtc >= from && r.TakenUtc <= nowUtc).ToList();
        var counted = glucose
            .Where(r => AlertEligibility.WhyNot(r) == null)
            .Select(r => (r.TakenUtc, Mmol: GlucoseConcentration.Millimolar(r), Lo: r.Has(ReadingFlagNames.Low), Hi: r.Has(ReadingFlagNames.High)))
            .Where(g => g.Mmol != null || g.Lo || g.Hi)
            .OrderBy(g => g.TakenUtc).ToList();
        // The meter's number on a HI or LO result is its limit, not the patient's value: it would pull the mean.
        var numbers = counted.Where(g => !g.Lo && !g.Hi).Select(g => g.Mmol!.Value).ToList();

        bool IsLow((DateTimeOffset TakenUtc, decimal? Mmol, bool Lo, bool Hi) g) => g.Lo || (!g.Hi && g.Mmol < Low);
        int episodes = 0;
        DateTimeOffset? lastLow = null;
        foreach (var g in counted)
        {
            if (!IsLow(g))
            {
                lastLow = null;
                continue;
            }

            if (lastLow == null || g.TakenUtc - lastLow.Value > EpisodeGap)
            {
                episodes++;
            }

            lastLow = g.TakenUtc;
        }

        return new GlucoseSummary(from, nowUtc, counted.Count, glucose.Count - counted.Count,
            numbers.Count == 0 ? null : Math.Round(numbers.Average(), 1, MidpointRounding.AwayFromZero),
            counted.Count(IsLow),
            counted.Count(g => g.Lo || (!g.Hi && g.Mmol < VeryLow)),
            counted.Count(g => g.Hi || (!g.Lo && g.Mmol > High)),
            counted.Count(g => g.Hi || (!g.Lo && g.Mmol > VeryHigh)),
            episodes);
    }

    /// <summary>e.g. "3 of 42 (7 %)"; whole percent, because a few readings a day make decimals false precision.</summary>
    public string Share(int count) =>
        Readings == 0 ? "no readings" : $"{count} of {Readings} ({Math.Round(100m * count / Readings, 0, MidpointRounding.AwayFromZero)} %)";
}
