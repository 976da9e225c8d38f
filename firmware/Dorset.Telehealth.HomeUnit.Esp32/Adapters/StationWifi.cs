using System.Device.Wifi;
using System.Net.NetworkInformation;
using Dorset.Telehealth.HomeUnit.Network;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary><see cref="IWifiStatus"/> from the ESP32's station interface and its Wi-Fi adapter.</summary>
    public sealed class StationWifi : IWifiStatus
    {
        private readonly WifiAdapter adapter = WifiAdapter.FindAllAdapters()[0];

        /// <inheritdoc/>
        public bool IsConnected
        {
            get
            {
                NetworkInterface station = NetworkInterface.GetAllNetworkInterfaces()[0];
                return station.IPv4Address != null && station.IPv4Address != "0.0.0.0";
            }
        }

        /// <inheritdoc/>
        public int Rssi
        {
            get
            {
                WifiAvailableNetwork[] networks = adapter.NetworkReport.AvailableNetworks;
                return networks.Length > 0 ? networks[0].NetworkRssiInDecibelMilliwatts : 0;
            }
        }
    }
}
