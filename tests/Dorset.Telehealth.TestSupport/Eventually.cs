using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Xunit;

namespace Dorset.Telehealth.TestSupport;

/// <summary>
/// Waits, in real time and bounded, for a condition that a real component makes true on its own thread: a broker
/// event, a background service's write to the database, a subscriber's HTTP request, a child process's output. No
/// clock can be faked there, so this polls. Never use it to wait for a timer of the code under test: that timer runs
/// on a <c>FakeTimeProvider</c> and the test advances it.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Returns once <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/> (10 s unless
    /// given) with a message naming what was awaited: <paramref name="because"/> when given, else the condition's code,
    /// then what <paramref name="seen"/> reports at that moment (a process's output, the last count read). A condition
    /// that throws ends the wait with its exception: the way to stop early when waiting can no longer succeed.
    /// <paramref name="poll"/> (25 ms unless given) is shorter where the moment matters, as when the test acts as soon
    /// as a process has made progress.
    /// </summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null,
        Func<string>? seen = null, TimeSpan? poll = null, [CallerArgumentExpression(nameof(condition))] string awaited = "") =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because, seen, poll, awaited);

    /// <summary>The same, for a condition that has to ask over the network or a pipe (an HTTP GET, a query).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null,
        Func<string>? seen = null, TimeSpan? poll = null, [CallerArgumentExpression(nameof(condition))] string awaited = "")
    {
        TimeSpan patience = timeout ?? s_defaultTimeout;
        DateTime deadline = DateTime.UtcNow + patience;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                string message = $"not reached within {patience.TotalSeconds:0.###} s: {because ?? awaited}";
                Assert.Fail(seen == null ? message : $"{message}; {seen()}");
            }

            await Task.Delay(poll ?? s_poll, TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
    }
}
