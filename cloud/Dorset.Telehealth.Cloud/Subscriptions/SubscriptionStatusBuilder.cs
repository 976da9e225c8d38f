using System;
using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Subscriptions;

/// <summary>
/// The SubscriptionStatus of the R4 backport (a Parameters resource, profile backport-subscription-status-r4) and
/// the Subscription resource as this server serves it. Event numbers are strings there: R4 has no integer64.
/// </summary>
public static class SubscriptionStatusBuilder
{
    /// <summary>What a SubscriptionStatus reports: a notification's events, a heartbeat, or a `$status` query.</summary>
    public enum Kind
    {
        /// <summary>type event-notification.</summary>
        EventNotification,

        /// <summary>type heartbeat.</summary>
        Heartbeat,

        /// <summary>type query-status.</summary>
        QueryStatus,
    }

    /// <summary>The subscription's status code: off once ended, error while deliveries fail (retries continue), else active.</summary>
    public static Subscription.SubscriptionStatus StatusOf(StoredSubscription s) =>
        !s.Active ? Subscription.SubscriptionStatus.Off
        : s.FailedAttempts > 0 ? Subscription.SubscriptionStatus.Error
        : Subscription.SubscriptionStatus.Active;

    /// <summary>The status Parameters, with a notification-event for each of <paramref name="events"/>.</summary>
    public static Parameters Status(StoredSubscription s, Kind kind, IReadOnlyList<SubscriptionEvent> events)
    {
        NewSubscription sub = s.Subscription;
        // A UUID with dashes: the id also makes the urn:uuid fullUrl that opens a notification Bundle.
        var parameters = new Parameters { Id = Guid.NewGuid().ToString("D") };
        parameters.Add("subscription", new ResourceReference($"{sub.FhirBase}/Subscription/{sub.Id}"));
        parameters.Add("topic", new Canonical(sub.Topic));
        parameters.Add("status", new Code(Hl7.Fhir.Utility.EnumUtility.GetLiteral(StatusOf(s))));
        parameters.Add("type", new Code(kind switch
        {
            Kind.EventNotification => "event-notification",
            Kind.Heartbeat => "heartbeat",
            _ => "query-status",
        }));
        parameters.Add("events-since-subscription-start", new FhirString(s.EventsQueued.ToString(CultureInfo.InvariantCulture)));
        foreach (SubscriptionEvent e in events)
        {
            var parts = new List<Tuple<string, Base>>
            {
                Tuple.Create("event-number", (Base)new FhirString(e.Number.ToString(CultureInfo.InvariantCulture))),
                Tuple.Create("timestamp", (Base)new Instant(e.OccurredAt)),
                Tuple.Create("focus", (Base)new ResourceReference(FullUrl(sub, e.FocusType, e.FocusId))),
            };
            if (e.ContextId != null)
            {
                parts.Add(Tuple.Create("additional-context", (Base)new ResourceReference(FullUrl(sub, e.FocusType, e.ContextId))));
            }

            parameters.Add("notification-event", parts);
        }

        if (kind == Kind.QueryStatus && s.LastError != null)
        {
            parameters.Add("error", new CodeableConcept { Text = s.LastError });
        }

        return parameters;
    }

    /// <summary>The Subscription as served: criteria, filter, channel and status; channel headers are never shown (they may hold the subscriber's credential).</summary>
    public static Subscription Resource(StoredSubscription s)
    {
        NewSubscription sub = s.Subscription;
        var resource = new Subscription
        {
            Id = sub.Id,
            Meta = new Meta { Profile = new[] { BackportExtensions.SubscriptionProfile } },
            Status = StatusOf(s),
            Reason = "Dorset Telehealth " + (sub.Topic == SubscriptionTopics.Alert ? "alerts" : "new Observations"),
            Criteria = sub.Topic,
            Error = s.LastError,
            Channel = new Subscription.ChannelComponent
            {
                Type = Subscription.SubscriptionChannelType.RestHook,
                Endpoint = sub.Endpoint,
                Payload = Apis.FhirSearch.FhirJson,
            },
        };
        string resourceType = SubscriptionTopics.FilterResource[sub.Topic];
        resource.CriteriaElement.Extension.Add(new Extension(BackportExtensions.FilterCriteria, new FhirString($"{resourceType}?{sub.Filter.Kind}={sub.Filter.Value}")));
        resource.Channel.PayloadElement!.Extension.Add(new Extension(BackportExtensions.PayloadContent, new Code(sub.Content)));
        if (sub.HeartbeatSeconds is int heartbeat)
        {
            resource.Channel.Extension.Add(new Extension(BackportExtensions.HeartbeatPeriod, new UnsignedInt(heartbeat)));
        }

        return resource;
    }

    /// <summary>The absolute URL of a resource the subscription's notifications name.</summary>
    public static string FullUrl(NewSubscription s, string type, string id) => $"{s.FhirBase}/{type}/{id}";
}
