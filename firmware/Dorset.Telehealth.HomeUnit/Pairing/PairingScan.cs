using System;
using System.Collections;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;

namespace Dorset.Telehealth.HomeUnit.Pairing
{
    /// <summary>
    /// Pairing mode: after a press of the pairing button the unit collects, for a while, every device that advertises
    /// Glucose 0x1808, Pulse Oximeter 0x1822, Weight Scale 0x181D or Blood Pressure 0x1810. It only reports them;
    /// nothing is read until the hub confirms a device in the retained config. The radio's scan is the controller's
    /// (it runs between device sessions anyway); this class only looks at what the scan hears, so starting pairing
    /// never touches the radio and cannot race a session.
    /// </summary>
    public sealed class PairingScan
    {
        private readonly Hashtable byAddress = new Hashtable();
        // Names heard in scan responses, by address: the stack reports a scan response as a packet of its own, which
        // carries the name but not the services, and may arrive before or after the advertisement that makes the
        // device a candidate.
        private readonly Hashtable names = new Hashtable();
        private readonly object gate = new object();
        private DateTime endsAt;

        /// <summary>True while pairing mode lasts.</summary>
        public bool IsActive { get; private set; }

        /// <summary>
        /// Starts pairing mode until <paramref name="now"/> + <paramref name="duration"/>, forgetting the candidates of
        /// an earlier one, or extends the one under way.
        /// </summary>
        public void Start(DateTime now, TimeSpan duration)
        {
            lock (gate)
            {
                if (!IsActive)
                {
                    byAddress.Clear();
                    names.Clear();
                }

                endsAt = now + duration;
                IsActive = true;
            }
        }

        /// <summary>Ends pairing mode once its time is up; true when it has just ended.</summary>
        public bool StopIfDue(DateTime now)
        {
            if (!IsActive || now < endsAt)
            {
                return false;
            }

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

        /// <summary>Looks at one advertisement or scan response heard while pairing mode lasts (the stack's thread).</summary>
        public void Observe(BleAdvertisement advertisement)
        {
            if (!IsActive)
            {
                return;
            }

            DeviceKind kind = DeviceKind.Unknown;
            for (int i = 0; i < advertisement.ServiceUuids.Length && kind == DeviceKind.Unknown; i++)
            {
                kind = DeviceKinds.FromService(advertisement.ServiceUuids[i]);
            }

            lock (gate)
            {
                var known = byAddress[advertisement.Address] as PairingCandidate;
                string name = advertisement.Name != null && advertisement.Name.Length > 0 ? advertisement.Name : null;
                if (name != null)
                {
                    names[advertisement.Address] = name;
                }

                if (known != null)
                {
                    known.Rssi = advertisement.Rssi;
                    if (name != null)
                    {
                        known.Name = name;
                    }
                }
                else if (kind != DeviceKind.Unknown)
                {
                    byAddress[advertisement.Address] = new PairingCandidate(advertisement.Address, advertisement.AddressType, kind,
                        advertisement.Rssi, names[advertisement.Address] as string);
                }
            }
        }
    }
}
