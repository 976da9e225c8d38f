using System;

namespace Dorset.Telehealth.HomeUnit.Uplink
{
    /// <summary>
    /// Exponential backoff with jitter for reconnecting to the hub: 1 s, 2 s, 4 s ... up to 5 minutes, each delay drawn
    /// between half and all of that step, so that a hub's units do not all return in the same second after an outage.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly int firstMilliseconds;
        private readonly int maxMilliseconds;
        private readonly Random random;
        private int attempt;

        /// <summary>Creates a backoff; <paramref name="seed"/> makes the jitter repeatable in tests.</summary>
        public ReconnectBackoff(int firstMilliseconds, int maxMilliseconds, int seed)
        {
            this.firstMilliseconds = firstMilliseconds;
            this.maxMilliseconds = maxMilliseconds;
            random = new Random(seed);
        }

        /// <summary>The delay before the next attempt; each call doubles the step until the maximum.</summary>
        public int NextDelayMilliseconds()
        {
            long step = firstMilliseconds;
            for (int i = 0; i < attempt && step < maxMilliseconds; i++)
            {
                step *= 2;
            }

            if (step > maxMilliseconds)
            {
                step = maxMilliseconds;
            }

            attempt++;
            int half = (int)(step / 2);
            return half + random.Next(half + 1);
        }

        /// <summary>Starts again from the first step (after a successful connection).</summary>
        public void Reset()
        {
            attempt = 0;
        }
    }
}
