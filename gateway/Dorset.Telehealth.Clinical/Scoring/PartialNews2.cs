using System;
using System.Collections.Generic;
using System.Linq;

namespace Dorset.Telehealth.Clinical.Scoring;

/// <summary>
/// A NEWS2 aggregate from the parameters a home can measure. Respiration rate, temperature and consciousness are never
/// measured at home, so this is always PARTIAL and is never presented as a full NEWS2 (clinical.md).
/// </summary>
/// <param name="Total">The sum of the parameters' scores.</param>
/// <param name="Spo2Scale">The SpO2 scale used (1 or 2).</param>
/// <param name="Parameters">The parameters used, each with its value and age.</param>
/// <param name="AtUtc">The time the score is for: the newest reading's taken time.</param>
public sealed record PartialNews2(int Total, int Spo2Scale, IReadOnlyList<News2Parameter> Parameters, DateTimeOffset AtUtc)
{
    /// <summary>Always true: the home never measures a full NEWS2.</summary>
    public bool IsPartial => true;

    /// <summary>Emergency at an aggregate of 7 or more; urgent at 5 or more, or when any single parameter scores 3.</summary>
    public News2Escalation Escalation =>
        Total >= 7 ? News2Escalation.Emergency
        : Total >= 5 || Parameters.Any(p => p.Score >= 3) ? News2Escalation.Urgent
        : News2Escalation.None;

    /// <summary>e.g. "spo2 3, pulse 2, on air 0; not measured: systolic".</summary>
    public string Describe()
    {
        string used = string.Join(", ", Parameters.Select(p => (p.Name != "oxygen" ? p.Name : p.Value == "true" ? "on oxygen" : "on air") + " " + p.Score));
        string[] missing = new[] { "spo2", "pulse", "systolic" }.Where(n => Parameters.All(p => p.Name != n)).ToArray();
        return missing.Length == 0 ? used : used + "; not measured: " + string.Join(", ", missing);
    }
}
