using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace Dorset.Telehealth.Chaos;

/// <summary>How many faults of each kind were injected, and the kinds skipped with their reason (thread-safe: two lanes count).</summary>
public sealed class FaultCounts
{
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly ConcurrentDictionary<string, string> _skipped = new();

    /// <summary>Counts one fault of <paramref name="kind"/>, e.g. "kill gateway" or "cloud link stall".</summary>
    public void Add(string kind) => _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);

    /// <summary>Notes that <paramref name="kind"/> cannot be injected here, and why.</summary>
    public void Skip(string kind, string reason) => _skipped[kind] = reason;

    /// <summary>The count of <paramref name="kind"/>, or of every kind starting with it ("cloud link" sums its five).</summary>
    public int Of(string kind) => _counts.Where(p => p.Key == kind || p.Key.StartsWith(kind + " ", System.StringComparison.Ordinal)).Sum(p => p.Value);

    public IReadOnlyDictionary<string, int> ByKind => _counts.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value);

    public IReadOnlyDictionary<string, string> Skipped => _skipped.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Every process kill of the run (units, gateway, cloud, and the units restarted with a bad clock).</summary>
    public int Kills => Of("kill") + Of("clock");
}
