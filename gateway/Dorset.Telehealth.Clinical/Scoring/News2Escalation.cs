namespace Dorset.Telehealth.Clinical.Scoring;

/// <summary>The NEWS2 clinical response a score calls for.</summary>
public enum News2Escalation
{
    /// <summary>Aggregate 0-4 with no single 3: routine monitoring.</summary>
    None = 0,

    /// <summary>Aggregate 5-6, or any single parameter scoring 3: urgent review within 1 h.</summary>
    Urgent = 1,

    /// <summary>Aggregate 7 or more: emergency assessment within 30 min.</summary>
    Emergency = 2,
}
