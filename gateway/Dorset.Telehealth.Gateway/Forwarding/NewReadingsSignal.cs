using System;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// Ingest tells the idle forwarder that new readings are committed, so they leave for the cloud at once instead of at
/// the next idle poll. Signals while the forwarder is busy collapse into one: it will find everything in its next batch.
/// </summary>
public sealed class NewReadingsSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    /// <summary>New readings are on disk.</summary>
    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled and not yet taken.
        }
    }

    /// <summary>Waits for <see cref="Notify"/> or <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancel) => _pending.WaitAsync(timeout, cancel);
}
