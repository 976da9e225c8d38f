using System.Device.Gpio;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Indicators;
using Dorset.Telehealth.HomeUnit.Network;
using Dorset.Telehealth.HomeUnit.Platform;
using Dorset.Telehealth.HomeUnit.Storage;
using Dorset.Telehealth.HomeUnit.Time;
using Dorset.Telehealth.HomeUnit.Uplink;
using nanoFramework.Runtime.Native;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary>The ESP32-WROOM-32E's adapters for <see cref="HomeUnitRuntime"/> (pins: hardware/home-unit.pins.json).</summary>
    public sealed class Esp32Platform : IUnitPlatform
    {
        private readonly LittleFsFlash flash = new LittleFsFlash();
        private readonly RgbStatusLed led;
        private readonly Esp32BleCentral ble = new Esp32BleCentral();

        /// <summary>Opens the LED pins on <paramref name="gpio"/>.</summary>
        public Esp32Platform(GpioController gpio)
        {
            led = new RgbStatusLed(gpio);
        }

        /// <inheritdoc/>
        public IFlashStorage Flash
        {
            get { return flash; }
        }

        /// <inheritdoc/>
        public IStatusLed Led
        {
            get { return led; }
        }

        /// <inheritdoc/>
        public IBleCentral Ble
        {
            get { return ble; }
        }

        /// <inheritdoc/>
        public IWifiStatus JoinWifi(string ssid, string password)
        {
            return StationWifi.Join(ssid, password);
        }

        /// <inheritdoc/>
        public IUnitClock StartClock(string sntpServer)
        {
            return new SntpUnitClock(sntpServer);
        }

        /// <inheritdoc/>
        public IUplinkClient CreateUplink(string host, int port, byte[] caCertificatePem)
        {
            // The string constructor, not the byte[] one: mbedTLS parses PEM only with its terminating NUL, which the
            // string constructor appends and a file's bytes do not have. It throws for text that is not a certificate.
            X509Certificate hubCa = caCertificatePem == null
                ? null
                : new X509Certificate(Encoding.UTF8.GetString(caCertificatePem, 0, caCertificatePem.Length));
            return new M2MqttUplinkClient(host, port, hubCa);
        }

        /// <inheritdoc/>
        public void Restart()
        {
            Power.RebootDevice();
        }
    }
}
