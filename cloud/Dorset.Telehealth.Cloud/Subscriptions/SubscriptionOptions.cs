using System;
using System.ComponentModel.DataAnnotations;

namespace Dorset.Telehealth.Cloud.Subscriptions;

/// <summary>Delivery of FHIR Subscription notifications. Section "SubscriptionOptions".</summary>
public sealed class SubscriptionOptions
{
    /// <summary>How often the worker looks for work another replica queued (its own ingestion wakes it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after a subscription's first failed delivery; it doubles with each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RetryInitial { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between retries. Retries go on at this pace for as long as the subscription is active.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a subscriber has to answer one notification before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most events in one notification Bundle; a backlog goes in Bundles of this many, in order.</summary>
    [Range(1, 1000)]
    public int MaxEventsPerNotification { get; set; } = 50;
}
