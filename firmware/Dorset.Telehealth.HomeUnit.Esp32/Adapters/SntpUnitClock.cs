using System;
using System.Diagnostics;
using Dorset.Telehealth.HomeUnit.Time;
using nanoFramework.Networking;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary>The ESP32 clock, set by SNTP from the hub gateway; unsynchronised until the first update succeeds.</summary>
    public sealed class SntpUnitClock : IUnitClock
    {
        /// <summary>Clocks before this year have never been set (the RTC starts from its epoch at power-on).</summary>
        private const int FirstPlausibleYear = 2024;

        /// <summary>Starts SNTP against <paramref name="server"/>.</summary>
        public SntpUnitClock(string server)
        {
            try
            {
                Sntp.Server1 = server;
                Sntp.Start();
                Sntp.UpdateNow();
            }
            catch (Exception ex)
            {
                // Readings taken meanwhile say the clock was unsynchronised; the gateway times them by receipt.
                Debug.WriteLine("SNTP: " + ex.Message);
            }
        }

        /// <inheritdoc/>
        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }

        /// <inheritdoc/>
        public bool IsSynchronised
        {
            get { return DateTime.UtcNow.Year >= FirstPlausibleYear; }
        }

        /// <inheritdoc/>
        public long Milliseconds
        {
            // The system timer (nanoFramework.Runtime.Native's System.Environment), which SNTP does not move.
            get { return Environment.TickCount64; }
        }
    }
}
