using System;
using System.Device.Gpio;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using Dorset.Telehealth.HomeUnit.Config;
using Dorset.Telehealth.HomeUnit.Esp32.Adapters;
using Dorset.Telehealth.HomeUnit.Indicators;
using Dorset.Telehealth.HomeUnit.Storage;
using Dorset.Telehealth.HomeUnit.Uplink;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace Dorset.Telehealth.HomeUnit.Esp32
{
    /// <summary>
    /// The ESP32 entry point: only wiring. The behaviour is HomeUnitController's, the same code the emulator and the
    /// tests run. A bad config ends in the fault state (solid red), never in a boot loop.
    /// </summary>
    public static class Program
    {
        private const int DeviceReadIntervalMilliseconds = 60_000;
        private const int FactoryResetHoldMilliseconds = 10_000;

        public static void Main()
        {
            var gpio = new GpioController();
            var led = new RgbStatusLed(gpio);
            var flash = new LittleFsFlash();
            ProvisionedFiles.InstallOnFirstBoot(flash);

            byte[] raw = flash.ReadAll(ProvisionedFiles.ConfigFile);
            UnitConfig config = null;
            string error = "unit-config.json is missing (hardware/FLASHING.md step 6)";
            if (raw == null || !UnitConfig.TryParse(new string(Encoding.UTF8.GetChars(raw)), out config, out error))
            {
                Fault(led, error);
            }

            led.Show(LedState.NoWifi);
            while (!WifiNetworkHelper.ConnectDhcp(config.WifiSsid, config.WifiPassword, WifiReconnectionKind.Automatic, false, token: new CancellationTokenSource(60_000).Token))
            {
                Debug.WriteLine("Wi-Fi: not connected, retrying");
            }

            X509Certificate hubCa = config.Tls ? new X509Certificate(flash.ReadAll(config.CaFile)) : null;
            var mqtt = new M2MqttUplinkClient(config.Host, config.Port, hubCa);
            var clock = new SntpUnitClock(config.SntpServer ?? config.Host);
            var controller = new HomeUnitController(config, flash, new Esp32BleCentral(), mqtt, clock, led, new StationWifi(), 10_000);
            if (!controller.Start())
            {
                Fault(led, controller.Fault);
            }

            WatchButtons(gpio, controller, flash);
            var backoff = new ReconnectBackoff(1_000, 300_000, (int)(DateTime.UtcNow.Ticks & 0x7FFFFFFF));
            DateTime nextRead = DateTime.UtcNow;
            while (true)
            {
                if (!controller.EnsureConnected())
                {
                    Thread.Sleep(backoff.NextDelayMilliseconds());
                    continue;
                }

                backoff.Reset();
                if (DateTime.UtcNow >= nextRead)
                {
                    controller.ReadDevices();
                    nextRead = DateTime.UtcNow.AddMilliseconds(DeviceReadIntervalMilliseconds);
                }

                controller.ServiceUplink();
                Thread.Sleep(100);
            }
        }

        private static void WatchButtons(GpioController gpio, HomeUnitController controller, IFlashStorage flash)
        {
            GpioPin pairing = gpio.OpenPin(HomeUnitPins.PairingButton, PinMode.InputPullUp);
            pairing.DebounceTimeout = TimeSpan.FromMilliseconds(50);
            pairing.ValueChanged += (sender, e) =>
            {
                if (e.ChangeType == PinEventTypes.Falling)
                {
                    controller.StartPairing();
                }
            };

            GpioPin reset = gpio.OpenPin(HomeUnitPins.ResetButton, PinMode.InputPullUp);
            reset.DebounceTimeout = TimeSpan.FromMilliseconds(50);
            DateTime pressedAt = DateTime.MaxValue;
            reset.ValueChanged += (sender, e) =>
            {
                if (e.ChangeType == PinEventTypes.Falling)
                {
                    pressedAt = DateTime.UtcNow;
                }
                else if ((DateTime.UtcNow - pressedAt).TotalMilliseconds >= FactoryResetHoldMilliseconds)
                {
                    // Factory reset: forget the config and device progress; the outbox keeps unsent readings.
                    flash.Delete(ProvisionedFiles.ConfigFile);
                    flash.Delete(Sessions.DeviceProgress.FileName);
                    Power.RebootDevice();
                }
            };
        }

        private static void Fault(IStatusLed led, string reason)
        {
            led.Show(LedState.Fault);
            Debug.WriteLine("fault: " + reason);
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
