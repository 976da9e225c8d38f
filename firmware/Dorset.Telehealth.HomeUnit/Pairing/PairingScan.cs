using System;
using System.Collections;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;

namespace Dorset.Telehealth.HomeUnit.Pairing
{
    /// <summary>
    /// Pairing mode: after a press of the pairing button the unit scans for a while and collects every device that
    /// advertises Glucose 0x1808, Pulse Oximeter 0x1822, Weight Scale 0x181D or Blood Pressure 0x1810. It only reports
    /// them; nothing is read until the hub confirms a device in the retained config.
    /// </summary>
    public sealed class PairingScan
    {
        private readonly IBleCentral ble;
        private readonly Hashtable byAddress = new Hashtable();
        private readonly object gate = new object();
        private DateTime endsAt;

        /// <summary>Creates a scan over the central.</summary>
        public PairingScan(IBleCentral ble)
        {
            this.ble = ble;
        }

        /// <summary>True while scanning.</summary>
        public bool IsActive { get; private set; }

        /// <summary>Starts (or restarts) a scan that lasts until <paramref name="now"/> + <paramref name="duration"/>.</summary>
        public void Start(DateTime now, TimeSpan duration)
        {
            endsAt = now + duration;
            if (!IsActive)
            {
                IsActive = true;
                ble.StartScan(OnAdvertisement);
            }
        }

        /// <summary>Stops the scan once its time is up; true when it has just stopped.</summary>
        public bool StopIfDue(DateTime now)
        {
            if (!IsActive || now < endsAt)
            {
                return false;
            }

            ble.StopScan();
            IsActive = false;
            return true;
        }

        /// <summary>The candidates seen so far.</summary>
        public PairingCandidate[] Candidates()
        {
            lock (gate)
            {
                var result = new PairingCandidate[byAddress.Count];
                byAddress.Values.CopyTo(result, 0);
                return result;
            }
        }

        private void OnAdvertisement(BleAdvertisement advertisement)
        {
            DeviceKind kind = DeviceKind.Unknown;
            for (int i = 0; i < advertisement.ServiceUuids.Length && kind == DeviceKind.Unknown; i++)
            {
                kind = DeviceKinds.FromService(advertisement.ServiceUuids[i]);
            }

            if (kind == DeviceKind.Unknown)
            {
                return;
            }

            lock (gate)
            {
                var known = byAddress[advertisement.Address] as PairingCandidate;
                if (known != null)
                {
                    known.Rssi = advertisement.Rssi;
                }
                else
                {
                    byAddress[advertisement.Address] = new PairingCandidate(advertisement.Address, kind, advertisement.Rssi, advertisement.Name);
                }
            }
        }
    }
}
