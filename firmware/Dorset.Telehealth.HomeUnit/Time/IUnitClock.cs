using System;

namespace Dorset.Telehealth.HomeUnit.Time
{
    /// <summary>The unit's clock, set by SNTP from the hub gateway; until then it runs from power-on and says so.</summary>
    public interface IUnitClock
    {
        /// <summary>The current time, UTC.</summary>
        DateTime UtcNow { get; }

        /// <summary>True once SNTP has set the clock.</summary>
        bool IsSynchronised { get; }

        /// <summary>
        /// Milliseconds since the unit started, for time budgets: unlike <see cref="UtcNow"/> it never jumps when SNTP
        /// sets the clock (from 1970 to today on the first sync).
        /// </summary>
        long Milliseconds { get; }
    }
}
