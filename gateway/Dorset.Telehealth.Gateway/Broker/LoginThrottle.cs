using System;
using System.Collections.Concurrent;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// Counts consecutive refused logins per (remote address, user name) and says how long to hold the next refusal:
/// 250 ms doubling per failure up to a cap. A legitimate unit with a stale secret keeps trying slowly instead of
/// hammering the units table; a guesser gets one try every few seconds per connection.
/// </summary>
public sealed class LoginThrottle
{
    private static readonly TimeSpan s_forgetAfter = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, (int Failures, DateTime LastUtc)> _failures = new(StringComparer.Ordinal);
    private readonly TimeSpan _maxDelay;

    /// <summary>Creates the throttle with the longest delay.</summary>
    public LoginThrottle(TimeSpan maxDelay)
    {
        _maxDelay = maxDelay;
    }

    /// <summary>Records a failure; returns the consecutive count and the delay to apply before refusing.</summary>
    public (int Failures, TimeSpan Delay) RecordFailure(string key)
    {
        DateTime now = DateTime.UtcNow;
        var entry = _failures.AddOrUpdate(key, _ => (1, now),
            (_, old) => (now - old.LastUtc > s_forgetAfter ? 1 : old.Failures + 1, now));
        if (_failures.Count > 10_000)
        {
            Sweep(now);
        }

        double ms = 250 * Math.Pow(2, Math.Min(entry.Failures - 1, 16));
        return (entry.Failures, TimeSpan.FromMilliseconds(Math.Min(ms, _maxDelay.TotalMilliseconds)));
    }

    /// <summary>A successful login clears the count.</summary>
    public void RecordSuccess(string key) => _failures.TryRemove(key, out _);

    private void Sweep(DateTime now)
    {
        foreach (var pair in _failures)
        {
            if (now - pair.Value.LastUtc > s_forgetAfter)
            {
                _failures.TryRemove(pair.Key, out _);
            }
        }
    }
}
