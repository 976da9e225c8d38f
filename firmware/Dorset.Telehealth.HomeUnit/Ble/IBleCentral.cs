namespace Dorset.Telehealth.HomeUnit.Ble
{
    /// <summary>
    /// The unit's Bluetooth LE central role, as small as the sessions need. The ESP32 adapter implements it with
    /// nanoFramework.Device.Bluetooth (synchronous, like this interface); the emulator with virtual devices. The stack
    /// cannot scan and connect at once: callers stop the scan before a connect and start it again afterwards. A connect
    /// that fails is null; a scan that cannot start throws (so the unit can show the fault), and the controller treats
    /// any exception from here as a unit fault rather than let it end the unit's loop.
    /// </summary>
    public interface IBleCentral
    {
        /// <summary>Starts scanning; each advertisement is passed to <paramref name="handler"/> on the stack's thread.</summary>
        void StartScan(AdvertisementHandler handler);

        /// <summary>Stops scanning.</summary>
        void StopScan();

        /// <summary>
        /// Connects to <paramref name="address"/> (dialled as <paramref name="addressType"/>) by looking up its
        /// <paramref name="primaryService"/>, or returns null when no connection was made. Implementations check that
        /// the link is really up (nanoFramework reports success for connections that failed).
        /// </summary>
        IBleConnection Connect(string address, BleAddressType addressType, ushort primaryService);
    }
}
