using System;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>Polls a condition that becomes true asynchronously (a broker event, a background service).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("condition not met in time" + (because == null ? string.Empty : ": " + because));
            }

            await Task.Delay(25);
        }
    }
}
