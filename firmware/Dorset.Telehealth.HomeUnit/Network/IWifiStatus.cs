namespace Dorset.Telehealth.HomeUnit.Network
{
    /// <summary>The home Wi-Fi as the unit sees it (the ESP32's station interface; always up in the emulator).</summary>
    public interface IWifiStatus
    {
        /// <summary>True while the unit has an IP address on the home network.</summary>
        bool IsConnected { get; }

        /// <summary>Signal strength of the access point, dBm (0 when unknown).</summary>
        int Rssi { get; }
    }
}
