using System;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// Ingest tells the idle forwarder that new readings are committed, so they leave for the cloud at once instead of at
/// the next idle poll. Signals while the forwarder is busy collapse into one: it will find everything in its next batch.
/// Notify is on the ingest path of every frame, so a pending signal costs one interlocked read, not a semaphore call.
/// </summary>
public sealed class NewReadingsSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);
    private int _signalled;

    /// <summary>New readings are on disk.</summary>
    public void Notify()
    {
        if (Interlocked.CompareExchange(ref _signalled, 1, 0) == 0)
        {
            _pending.Release();
        }
    }

    /// <summary>Waits for <see cref="Notify"/> or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancel)
    {
        // Cleared only once the signal is taken: the forwarder's next batch, read after this, includes what it announced.
        if (await _pending.WaitAsync(timeout, cancel).ConfigureAwait(false))
        {
            Interlocked.Exchange(ref _signalled, 0);
        }
    }
}
