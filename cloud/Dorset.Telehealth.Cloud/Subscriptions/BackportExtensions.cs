namespace Dorset.Telehealth.Cloud.Subscriptions;

/// <summary>The Subscriptions R4 Backport IG's extension URLs and codes this server reads or writes.</summary>
public static class BackportExtensions
{
    private const string Base = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";

    /// <summary>On `Subscription.criteria`: the topic's filter, e.g. `Observation?patient=9434765919`.</summary>
    public const string FilterCriteria = Base + "backport-filter-criteria";

    /// <summary>On `Subscription.channel.payload`: empty, id-only or full-resource.</summary>
    public const string PayloadContent = Base + "backport-payload-content";

    /// <summary>On `Subscription.channel`: seconds between heartbeats when nothing else was sent.</summary>
    public const string HeartbeatPeriod = Base + "backport-heartbeat-period";

    /// <summary>The profile of a topic-based Subscription.</summary>
    public const string SubscriptionProfile = Base + "backport-subscription";

    /// <summary>The profile of a notification Bundle.</summary>
    public const string NotificationProfile = Base + "backport-subscription-notification-r4";

    /// <summary>The profile of the SubscriptionStatus Parameters that opens a notification Bundle.</summary>
    public const string StatusProfile = Base + "backport-subscription-status-r4";

    /// <summary>Payload content: ids (fullUrl) of the focus only, no patient data in the notification.</summary>
    public const string IdOnly = "id-only";

    /// <summary>Payload content: the focus resources themselves.</summary>
    public const string FullResource = "full-resource";
}
