using System.Collections.Generic;

namespace Dorset.Telehealth.Cloud.Subscriptions;

/// <summary>
/// The topics a subscription may name in `Subscription.criteria` (R4 backport: the topic's canonical URL), each with
/// the resource type its filter criteria name (`backport-filter-criteria`, e.g. `Observation?patient=9434765919`).
/// </summary>
public static class SubscriptionTopics
{
    /// <summary>A reading was stored and attributed to a patient: focus its Observation, its pulse Observation as additional context.</summary>
    public const string NewObservation = "https://dorset-telehealth.nhs.uk/fhir/SubscriptionTopic/new-observation";

    /// <summary>An alert revision was stored for a patient: focus its DetectedIssue, or for a partial NEWS2 its Observation.</summary>
    public const string Alert = "https://dorset-telehealth.nhs.uk/fhir/SubscriptionTopic/alert";

    /// <summary>The topics, with the resource type their filter criteria start with.</summary>
    public static IReadOnlyDictionary<string, string> FilterResource { get; } = new Dictionary<string, string>(System.StringComparer.Ordinal)
    {
        [NewObservation] = "Observation",
        [Alert] = "DetectedIssue",
    };
}
