using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Indicators;
using Dorset.Telehealth.HomeUnit.Network;
using Dorset.Telehealth.HomeUnit.Storage;
using Dorset.Telehealth.HomeUnit.Time;
using Dorset.Telehealth.HomeUnit.Uplink;

namespace Dorset.Telehealth.HomeUnit.Platform
{
    /// <summary>
    /// The adapters of one kind of unit (the ESP32, the emulator), handed to <see cref="HomeUnitRuntime"/>. Those that
    /// need the unit's config are made only once the runtime has read it from flash, so a missing or bad config or CA
    /// takes the same fault path on every platform.
    /// </summary>
    public interface IUnitPlatform
    {
        /// <summary>The unit's flash, where provisioning put unit-config.json and the hub CA.</summary>
        IFlashStorage Flash { get; }

        /// <summary>The status LED.</summary>
        IStatusLed Led { get; }

        /// <summary>The Bluetooth LE central.</summary>
        IBleCentral Ble { get; }

        /// <summary>
        /// Joins the home Wi-Fi (<paramref name="ssid"/> null when the platform is on a network already); the platform
        /// keeps it joined from then on. Gives up waiting after a while rather than keep the unit from its devices.
        /// </summary>
        IWifiStatus JoinWifi(string ssid, string password);

        /// <summary>The unit clock, kept by SNTP from <paramref name="sntpServer"/>.</summary>
        IUnitClock StartClock(string sntpServer);

        /// <summary>
        /// The MQTT client for the hub at <paramref name="host"/>:<paramref name="port"/>, over TLS trusting
        /// <paramref name="caCertificatePem"/>, or plain when it is null (loopback development only). Throws when the
        /// certificate is unusable.
        /// </summary>
        IUplinkClient CreateUplink(string host, int port, byte[] caCertificatePem);

        /// <summary>Restarts the unit (after a factory reset).</summary>
        void Restart();
    }
}
