namespace Dorset.Telehealth.Clinical.Alerts;

/// <summary>A rule that can fire an alert: an id that alerts name, and a version bumped when its logic changes.</summary>
public interface IClinicalRule
{
    /// <summary>The rule id, e.g. glucose-low.</summary>
    string Id { get; }

    /// <summary>The rule version.</summary>
    int Version { get; }
}
