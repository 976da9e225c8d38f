namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>What happened to an alert in a committed transaction.</summary>
public enum AlertChangeKind
{
    /// <summary>A new episode.</summary>
    Raised = 0,

    /// <summary>Another breach of an open episode (count, last time, maybe worst value or level).</summary>
    Updated = 1,

    /// <summary>The condition cleared.</summary>
    Resolved = 2,

    /// <summary>Someone acknowledged it.</summary>
    Acknowledged = 3,

    /// <summary>The buzzer was silenced for it.</summary>
    Silenced = 4,
}

/// <summary>An alert change, for the buzzer, the metrics and the change feed (published only after COMMIT).</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="Kind">What happened.</param>
/// <param name="RuleId">Its rule.</param>
/// <param name="Level">Its level after the change.</param>
/// <param name="Summary">Its summary after the change.</param>
/// <param name="UnitId">Its unit.</param>
public sealed record AlertChange(string AlertId, AlertChangeKind Kind, string RuleId, string Level, string Summary, string UnitId);
