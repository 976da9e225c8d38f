using System;
using System.Threading.RateLimiting;
using Dorset.Telehealth.Cloud.Extensions;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>
/// The per-gateway readings bucket (IngestionOptions ReadingsPerMinute, ReadingsBurst; cloud/README.md "Rate limits"):
/// a valid batch takes as many tokens as it holds readings, after it is parsed (its count is known only then) and
/// before it is stored. The posts bucket in front (<see cref="IngestionExtensions"/>) bounds the requests, this one
/// the rows: a gateway back after a week away sends its backlog at the posts limit's pace, and one that keeps on
/// sending is held to the sustained rate once the burst is spent.
/// </summary>
public sealed class ReadingsRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets;

    /// <summary>One bucket per gateway id, each with the configured size and refill.</summary>
    public ReadingsRateLimiter(IOptions<IngestionOptions> options)
    {
        IngestionOptions limits = options.Value;
        _buckets = PartitionedRateLimiter.Create<string, string>(gateway =>
            RateLimitPartition.GetTokenBucketLimiter(gateway, _ => IngestionExtensions.BucketOf(limits.ReadingsPerMinute, limits.ReadingsBurst)));
    }

    /// <summary>
    /// Takes <paramref name="readings"/> tokens from <paramref name="gateway"/>'s bucket; null when it had them, else
    /// how long until it will. Never more than the bucket's size is asked for (IngestionOptionsValidator).
    /// </summary>
    public TimeSpan? TryTake(string gateway, int readings)
    {
        using RateLimitLease lease = _buckets.AttemptAcquire(gateway, readings);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retry) ? retry : TimeSpan.FromSeconds(1);
    }

    /// <inheritdoc/>
    public void Dispose() => _buckets.Dispose();
}
