using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Xunit;

namespace Dorset.Telehealth.TestSupport;

/// <summary>
/// Waits, in real time and bounded, for a condition that a real component makes true on its own thread: a broker
/// event, a background service's write to the database, a subscriber's HTTP request. No clock can be faked there, so
/// this polls. Never use it to wait for a timer of the code under test: that timer runs on a
/// <c>FakeTimeProvider</c> and the test advances it.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Returns once <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/> (10 s unless
    /// given) with a message naming what was awaited: <paramref name="because"/> when given, else the condition's code.
    /// </summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null,
        [CallerArgumentExpression(nameof(condition))] string awaited = "")
    {
        TimeSpan patience = timeout ?? s_defaultTimeout;
        DateTime deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not reached within {patience.TotalSeconds:0.###} s: {because ?? awaited}");
            }

            await Task.Delay(s_poll, TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
    }
}
