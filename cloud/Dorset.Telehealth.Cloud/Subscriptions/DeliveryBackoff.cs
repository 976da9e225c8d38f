using System;

namespace Dorset.Telehealth.Cloud.Subscriptions;

/// <summary>
/// The wait before retrying a subscription after its n-th consecutive failure: <see cref="SubscriptionOptions.RetryInitial"/>
/// doubling up to <see cref="SubscriptionOptions.RetryMax"/>, then at that pace for ever. There is no last attempt:
/// a subscriber that is down for an hour is retried until it answers, and then receives everything it missed.
/// </summary>
public static class DeliveryBackoff
{
    /// <summary>The wait after <paramref name="failedAttempts"/> consecutive failures (1 or more).</summary>
    public static TimeSpan After(int failedAttempts, SubscriptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Doubling in double, capped before converting: 2^n of a TimeSpan overflows long before the attempts run out.
        double ticks = options.RetryInitial.Ticks * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 62));
        return ticks >= options.RetryMax.Ticks ? options.RetryMax : TimeSpan.FromTicks((long)ticks);
    }
}
