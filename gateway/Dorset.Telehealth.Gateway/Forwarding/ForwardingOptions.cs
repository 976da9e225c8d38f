using System.ComponentModel.DataAnnotations;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>Store-and-forward to the county cloud (appsettings section "ForwardingOptions").</summary>
public sealed class ForwardingOptions
{
    /// <summary>The cloud's base URL, e.g. https://telehealth.dorset.example. Empty: readings are kept, not forwarded. Command line: --cloud-url.</summary>
    public string? CloudUrl { get; set; }

    /// <summary>This gateway's id at the cloud (the hub's registered gateway).</summary>
    public string GatewayId { get; set; } = "hub-gateway";

    /// <summary>The gateway's secret at the cloud (sent as a bearer token over HTTPS). Set it in the environment, not appsettings.</summary>
    public string? BearerSecret { get; set; }

    /// <summary>
    /// Readings per POST, at most what the cloud accepts in one batch. A week's backlog of 1,000,000 readings is 200
    /// posts of 5000: the cloud's posts limit (burst 20, then 2 a second) lets them go in about 90 s; at 500 it was
    /// 2,000 posts, 1000 readings/s, 17 minutes.
    /// </summary>
    [Range(1, CloudBatchContract.MaxReadings)]
    public int BatchSize { get; set; } = CloudBatchContract.MaxReadings;

    /// <summary>Wait between polls when there is nothing to send.</summary>
    [Range(10, 600_000)]
    public int IdleDelayMilliseconds { get; set; } = 1000;

    /// <summary>First retry delay after a failure; grows exponentially per failure (with jitter) up to <see cref="MaxBackoffMilliseconds"/> (<see cref="CloudClient"/>).</summary>
    [Range(1, 600_000)]
    public int MinBackoffMilliseconds { get; set; } = 1000;

    /// <summary>The longest wait between retries, unless the cloud's Retry-After asks for longer; also the wait after a failure no retry cures.</summary>
    [Range(1, 3_600_000)]
    public int MaxBackoffMilliseconds { get; set; } = 300_000;

    /// <summary>
    /// After a batch that was not full, the next post waits until this long after it began. When every unit drains its
    /// outbox at once (a gateway restart) each commit would otherwise be a readings post and an alerts post of its own,
    /// 22 posts in 2 s against the cloud's bucket of 20 refilling 2/s, and the cloud answers 429; held, the readings
    /// gather into full batches and the two streams post at most twice a second. A full batch goes at once.
    /// </summary>
    [Range(0, 60_000)]
    public int PartialBatchHoldMilliseconds { get; set; } = 1000;

    /// <summary>One attempt's timeout; an attempt cut short is retried like any failure.</summary>
    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Forwarded readings are kept this many days for the console, then pruned. Unforwarded readings are never pruned.</summary>
    [Range(0, 3650)]
    public int RetentionDays { get; set; } = 30;
}
