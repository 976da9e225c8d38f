using System;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// The readings batch size: the configured one, halved after a 413, 1 while a 400 without an index is isolated, and
/// doubled back towards the configured size after every <see cref="BatchesBeforeGrowth"/> batches the cloud settled at
/// the smaller size. Deterministic, so a test (and an operator reading the log) can tell when it grows.
/// </summary>
public sealed class BatchSizer
{
    /// <summary>Settled batches at a reduced size before it doubles.</summary>
    public const int BatchesBeforeGrowth = 20;

    private readonly int _configured;
    private int _settledSinceChange;

    /// <summary>Starts at <paramref name="configured"/>.</summary>
    public BatchSizer(int configured)
    {
        _configured = configured;
        Current = configured;
    }

    /// <summary>Readings to take for the next batch.</summary>
    public int Current { get; private set; }

    /// <summary>The cloud refused a batch as too large (413).</summary>
    public void Halve() => Set(Math.Max(1, Current / 2));

    /// <summary>The cloud refused a batch without naming the item (400): one at a time until the culprit is alone.</summary>
    public void Isolate() => Set(1);

    /// <summary>The cloud settled a batch of <see cref="Current"/>.</summary>
    public void Settled()
    {
        if (Current < _configured && ++_settledSinceChange >= BatchesBeforeGrowth)
        {
            Set(Math.Min(_configured, Current * 2));
        }
    }

    private void Set(int size)
    {
        Current = size;
        _settledSinceChange = 0;
    }
}
