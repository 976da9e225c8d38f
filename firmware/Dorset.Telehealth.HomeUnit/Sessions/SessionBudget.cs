using Dorset.Telehealth.HomeUnit.Time;

namespace Dorset.Telehealth.HomeUnit.Sessions
{
    /// <summary>
    /// How long one device may hold the unit: a total, counted from before the connect, and the longest the device
    /// may stay silent within it. The unit reads devices one at a time on its only loop, so without a total a meter
    /// streaming a long memory, or a device that keeps answering slowly, would keep every other device and the uplink
    /// waiting. What a device has not delivered when the budget is spent stays on it (meters) for the next session.
    /// Counted on the unit's monotonic milliseconds, which SNTP never moves.
    /// </summary>
    public sealed class SessionBudget
    {
        private readonly IUnitClock clock;
        private readonly int quietMilliseconds;
        private readonly long deadline;

        /// <summary>Starts the budget now.</summary>
        public SessionBudget(IUnitClock clock, int quietMilliseconds, int totalMilliseconds)
        {
            this.clock = clock;
            this.quietMilliseconds = quietMilliseconds;
            deadline = clock.Milliseconds + totalMilliseconds;
        }

        /// <summary>True once the total is used up.</summary>
        public bool IsSpent
        {
            get { return clock.Milliseconds >= deadline; }
        }

        /// <summary>How long to wait for the device's next value: the quiet time, cut to what is left of the total.</summary>
        public int NextWait()
        {
            long left = deadline - clock.Milliseconds;
            if (left <= 0)
            {
                return 0;
            }

            return left < quietMilliseconds ? (int)left : quietMilliseconds;
        }
    }
}
