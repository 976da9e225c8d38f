using System.Collections;

namespace Dorset.Telehealth.HomeUnit.Ble
{
    /// <summary>
    /// The paired devices heard advertising since the scan last started, with the address type each advertised. The
    /// unit connects only to these: a connect to a device that is off or away costs the ESP32 stack up to 10 s (and
    /// 20 s more for service discovery) with the loop blocked, whereas an advertisement costs nothing, and health
    /// devices advertise exactly when they have something to give (after a measurement, or when the patient syncs).
    /// The address type comes from the advertisement too, so a device with a random address is dialled as one after
    /// any restart, without the config having to know. The stack reports each device once per scan (duplicate
    /// filtering), so the presence is cleared whenever the scan is restarted.
    /// </summary>
    public sealed class DevicePresence
    {
        private readonly Hashtable seen = new Hashtable();
        private readonly object gate = new object();

        /// <summary>Records an advertisement (called on the stack's thread).</summary>
        public void Observe(BleAdvertisement advertisement)
        {
            lock (gate)
            {
                seen[advertisement.Address.ToUpper()] = advertisement.AddressType;
            }
        }

        /// <summary>True when <paramref name="address"/> advertised since the last <see cref="Clear"/>, with its address type.</summary>
        public bool IsPresent(string address, out BleAddressType addressType)
        {
            lock (gate)
            {
                object type = seen[address.ToUpper()];
                addressType = type == null ? BleAddressType.Public : (BleAddressType)type;
                return type != null;
            }
        }

        /// <summary>Forgets everything heard (the scan is about to restart).</summary>
        public void Clear()
        {
            lock (gate)
            {
                seen.Clear();
            }
        }
    }
}
