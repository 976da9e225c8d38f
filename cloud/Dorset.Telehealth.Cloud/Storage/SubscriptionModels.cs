using System;
using System.Collections.Generic;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>A subscription as registered (`POST /fhir/Subscription`), before anything was delivered.</summary>
/// <param name="Id">Its random id (<see cref="ObservationIds"/> shape).</param>
/// <param name="ReaderId">The FHIR reader that registered it; only that reader may read or end it.</param>
/// <param name="Topic">The topic's canonical URL (<see cref="Subscriptions.SubscriptionTopics"/>).</param>
/// <param name="Filter">Whose events: one patient or one hub.</param>
/// <param name="Endpoint">The rest-hook URL (http or https).</param>
/// <param name="Content">The payload content: id-only or full-resource.</param>
/// <param name="Headers">HTTP headers sent with each notification ("Name: value"), e.g. the subscriber's own credential.</param>
/// <param name="HeartbeatSeconds">A heartbeat after this long without a notification, or null for none.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="FhirBase">The FHIR base URL the subscriber registered at, which notifications' references use.</param>
public sealed record NewSubscription(string Id, string ReaderId, string Topic, SubscriptionFilter Filter, string Endpoint, string Content,
    IReadOnlyList<string> Headers, int? HeartbeatSeconds, DateTimeOffset CreatedAt, string FhirBase);

/// <summary>Whose events a subscription receives.</summary>
/// <param name="Kind"><see cref="Patient"/> (an NHS number) or <see cref="Hub"/> (a hub name).</param>
/// <param name="Value">The NHS number or hub name.</param>
public sealed record SubscriptionFilter(string Kind, string Value)
{
    /// <summary>Events of one patient.</summary>
    public const string Patient = "patient";

    /// <summary>Events of every patient whose readings come through one hub.</summary>
    public const string Hub = "hub";

    /// <summary>Whether an event of <paramref name="patientNhs"/> through <paramref name="hub"/> passes.</summary>
    public bool Matches(string patientNhs, string hub) => Kind == Patient ? Value == patientNhs : Value == hub;
}

/// <summary>A subscription with its delivery state.</summary>
/// <param name="Subscription">What was registered.</param>
/// <param name="Active">False once ended (`DELETE`): nothing more is queued or delivered.</param>
/// <param name="EventsQueued">Events numbered so far (the last event number; eventsSinceSubscriptionStart).</param>
/// <param name="DeliveredUpTo">The highest event number the subscriber acknowledged with a 2xx.</param>
/// <param name="FailedAttempts">Consecutive failed deliveries since the last 2xx.</param>
/// <param name="NextAttemptAt">When the next delivery may be tried after a failure, or null.</param>
/// <param name="LastError">Why the last delivery failed, or null after a success.</param>
/// <param name="LastSentAt">When the subscriber last acknowledged a notification or heartbeat, or null.</param>
public sealed record StoredSubscription(NewSubscription Subscription, bool Active, long EventsQueued, long DeliveredUpTo, int FailedAttempts,
    DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset? LastSentAt)
{
    /// <summary>Events queued and not yet acknowledged.</summary>
    public long Pending => EventsQueued - DeliveredUpTo;
}

/// <summary>One numbered event of a subscription.</summary>
/// <param name="Number">Its event number, 1 for the subscription's first.</param>
/// <param name="FocusType">The resource type of the focus: Observation or DetectedIssue.</param>
/// <param name="FocusId">The focus's id as the FHIR API serves it.</param>
/// <param name="ContextId">A second Observation of the same reading (its pulse), or null.</param>
/// <param name="OccurredAt">When the reading or alert was stored.</param>
public sealed record SubscriptionEvent(long Number, string FocusType, string FocusId, string? ContextId, DateTimeOffset OccurredAt);

/// <summary>Something stored that a topic announces, before it is matched to subscriptions.</summary>
/// <param name="Topic">The topic's canonical URL.</param>
/// <param name="PatientNhs">Whose it is.</param>
/// <param name="Hub">The hub it came through.</param>
/// <param name="FocusType">The focus's resource type.</param>
/// <param name="FocusId">The focus's id.</param>
/// <param name="ContextId">A second Observation of the same reading, or null.</param>
public sealed record TopicEvent(string Topic, string PatientNhs, string Hub, string FocusType, string FocusId, string? ContextId);
