using System;
using System.Device.Wifi;
using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Threading;
using Dorset.Telehealth.HomeUnit.Network;
using nanoFramework.Networking;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary>
    /// <see cref="IWifiStatus"/> from the ESP32's station interface and its Wi-Fi adapter. The unit joins once at boot
    /// with automatic reconnection, after which ESP-IDF rejoins by itself whenever the router comes back.
    /// </summary>
    public sealed class StationWifi : IWifiStatus
    {
        private const int JoinTimeoutMilliseconds = 20000;

        // A scan takes the radio off channel for a couple of seconds, so the signal is refreshed only this often.
        private const long ScanIntervalMilliseconds = 30 * 60 * 1000;
        private readonly string ssid;
        private readonly WifiAdapter adapter;
        private long nextScan;

        private StationWifi(string ssid, WifiAdapter adapter)
        {
            this.ssid = ssid;
            this.adapter = adapter;
        }

        /// <summary>
        /// Joins <paramref name="ssid"/> (or, when null, the network nanoff's --networkdeployment stored), waiting at
        /// most 20 s: a router that is off must not keep the unit from its devices, which it reads offline too.
        /// </summary>
        public static StationWifi Join(string ssid, string password)
        {
            CancellationToken token = new CancellationTokenSource(JoinTimeoutMilliseconds).Token;
            bool joined = ssid == null
                ? WifiNetworkHelper.Reconnect(false, 0, token)
                : WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, false, 0, token);
            if (!joined)
            {
                Debug.WriteLine("Wi-Fi: not joined yet (" + WifiNetworkHelper.Status.ToString() + "); the station keeps trying");
            }

            return new StationWifi(ssid, WifiAdapter.FindAllAdapters()[0]);
        }

        /// <inheritdoc/>
        public bool IsConnected
        {
            get
            {
                NetworkInterface station = Station();
                return station != null && station.IPv4Address != null && station.IPv4Address.Length > 0 && station.IPv4Address != "0.0.0.0";
            }
        }

        /// <inheritdoc/>
        public int Rssi
        {
            get
            {
                // nanoFramework has no call for the associated AP's signal; the scan report's entry for the joined
                // network is the closest (the strongest of its APs, which ESP-IDF joins). Never another network's:
                // entry [0] of the report may be a neighbour's.
                RefreshScanWhenDue();
                double best = 0;
                bool found = false;
                WifiAvailableNetwork[] networks = adapter.NetworkReport.AvailableNetworks;
                for (int i = 0; i < networks.Length; i++)
                {
                    if ((ssid == null || networks[i].Ssid == ssid) && (!found || networks[i].NetworkRssiInDecibelMilliwatts > best))
                    {
                        best = networks[i].NetworkRssiInDecibelMilliwatts;
                        found = true;
                    }
                }

                return found ? (int)best : 0;
            }
        }

        /// <summary>The station interface: the array also holds the soft AP and Ethernet, in no promised order.</summary>
        private static NetworkInterface Station()
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    return all[i];
                }
            }

            return null;
        }

        private void RefreshScanWhenDue()
        {
            long now = Environment.TickCount64;
            if (now < nextScan)
            {
                return;
            }

            nextScan = now + ScanIntervalMilliseconds;
            try
            {
                adapter.ScanAsync();
            }
            catch (Exception)
            {
                // A scan refused while the station is (re)connecting; the next interval tries again.
            }
        }
    }
}
