namespace Dorset.Telehealth.HomeUnit.Ble
{
    /// <summary>
    /// The unit's Bluetooth LE central role, as small as the sessions need. The ESP32 adapter implements it with
    /// nanoFramework.Device.Bluetooth (synchronous, like this interface); the emulator with virtual devices. The stack
    /// cannot scan and connect at once, so a connect stops any scan first.
    /// </summary>
    public interface IBleCentral
    {
        /// <summary>Starts scanning; each advertisement is passed to <paramref name="handler"/>.</summary>
        void StartScan(AdvertisementHandler handler);

        /// <summary>Stops scanning.</summary>
        void StopScan();

        /// <summary>
        /// Connects to <paramref name="address"/> by looking up its <paramref name="primaryService"/>, or returns null
        /// when no connection was made. Implementations check that the link is really up (nanoFramework reports success
        /// for connections that failed).
        /// </summary>
        IBleConnection Connect(string address, ushort primaryService);
    }
}
