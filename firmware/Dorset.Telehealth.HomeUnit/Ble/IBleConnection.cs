namespace Dorset.Telehealth.HomeUnit.Ble
{
    /// <summary>
    /// A connection to one peripheral. Every call is synchronous and returns false/null on failure, including when
    /// the peripheral has gone; <see cref="IsConnected"/> says whether it is still there. Writes are always with
    /// response (some peripherals never answer otherwise).
    /// </summary>
    public interface IBleConnection
    {
        /// <summary>True while the link is up.</summary>
        bool IsConnected { get; }

        /// <summary>Bonds with the peripheral. Meters that need a bond refuse CCCD and RACP writes until it is done.</summary>
        bool Pair();

        /// <summary>True when the peripheral has the characteristic in the service.</summary>
        bool HasCharacteristic(ushort service, ushort characteristic);

        /// <summary>Reads a characteristic's value, or null.</summary>
        byte[] Read(ushort service, ushort characteristic);

        /// <summary>Writes a characteristic's value with response.</summary>
        bool Write(ushort service, ushort characteristic, byte[] value);

        /// <summary>
        /// Enables notifications (or indications) by writing the CCCD, delivering values to <paramref name="handler"/>.
        /// </summary>
        bool Subscribe(ushort service, ushort characteristic, bool indicate, CharacteristicValueHandler handler);

        /// <summary>Closes the link.</summary>
        void Disconnect();
    }
}
