namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>What an edit of a unit's config came to: the new config document, or why nothing changed.</summary>
/// <param name="Config">The config now stored, or null when refused.</param>
/// <param name="Refusal">One line naming the problem, or null when the config changed.</param>
public sealed record ConfigChange(string? Config, string? Refusal)
{
    /// <summary>The config becomes <paramref name="config"/>.</summary>
    public static ConfigChange To(string config) => new(config, null);

    /// <summary>Nothing changes, because of <paramref name="reason"/>.</summary>
    public static ConfigChange Refused(string reason) => new(null, reason);
}
