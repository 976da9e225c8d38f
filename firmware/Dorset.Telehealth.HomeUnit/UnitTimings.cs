namespace Dorset.Telehealth.HomeUnit
{
    /// <summary>
    /// The waits and limits of the unit's loop. The ESP32 and the emulator run the same loop with different numbers:
    /// a real radio needs seconds where virtual devices answer at once.
    /// </summary>
    public sealed class UnitTimings
    {
        /// <summary>The longest a device may stay silent during a session.</summary>
        public int QuietMilliseconds { get; set; }

        /// <summary>The longest one device may hold the unit, connect included (<see cref="Sessions.SessionBudget"/>).</summary>
        public int DeviceBudgetMilliseconds { get; set; }

        /// <summary>
        /// The least time between two sessions with one device, and between two passes over the devices (each pass
        /// restarts the scan, so a device that kept advertising is heard again).
        /// </summary>
        public int ReadIntervalMilliseconds { get; set; }

        /// <summary>The first reconnect delay to the hub; it doubles up to <see cref="ReconnectMaxMilliseconds"/>.</summary>
        public int ReconnectFirstMilliseconds { get; set; }

        /// <summary>The longest reconnect delay.</summary>
        public int ReconnectMaxMilliseconds { get; set; }

        /// <summary>The longest the loop sleeps between two turns when nothing wakes it (an advertisement or a button does).</summary>
        public int IdleMilliseconds { get; set; }

        /// <summary>The ESP32's: a connect alone may take the stack 10 s, a meter's memory a minute.</summary>
        public static UnitTimings ForDevice()
        {
            var timings = new UnitTimings();
            timings.QuietMilliseconds = 10000;
            timings.DeviceBudgetMilliseconds = 90000;
            timings.ReadIntervalMilliseconds = 60000;
            timings.ReconnectFirstMilliseconds = 1000;
            timings.ReconnectMaxMilliseconds = 300000;
            timings.IdleMilliseconds = 1000;
            return timings;
        }
    }
}
