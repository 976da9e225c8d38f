using System;
using Dorset.Telehealth.Cloud.Subscriptions;

namespace Dorset.Telehealth.Cloud.Tests.Subscriptions;

/// <summary>The retry schedule: doubling from the first wait to the cap, then the cap for ever (no last attempt).</summary>
public sealed class DeliveryBackoffTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(8, 256)]
    [InlineData(9, 300)]
    [InlineData(10_000, 300)]
    [InlineData(int.MaxValue, 300)]
    public void After_DoublesFromTheFirstWaitUpToTheCapAndStaysThere(int failedAttempts, int seconds)
    {
        var options = new SubscriptionOptions { RetryInitial = TimeSpan.FromSeconds(2), RetryMax = TimeSpan.FromMinutes(5) };

        Assert.Equal(TimeSpan.FromSeconds(seconds), DeliveryBackoff.After(failedAttempts, options));
    }
}
