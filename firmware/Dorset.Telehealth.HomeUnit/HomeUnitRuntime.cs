using System.Diagnostics;
using System.Text;
using System.Threading;
using System;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Config;
using Dorset.Telehealth.HomeUnit.Indicators;
using Dorset.Telehealth.HomeUnit.Network;
using Dorset.Telehealth.HomeUnit.Platform;
using Dorset.Telehealth.HomeUnit.Sessions;
using Dorset.Telehealth.HomeUnit.Storage;
using Dorset.Telehealth.HomeUnit.Time;
using Dorset.Telehealth.HomeUnit.Uplink;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.HomeUnit
{
    /// <summary>
    /// The home unit's one loop, the same on the ESP32 and in the emulator: boot from what provisioning left on flash
    /// (config, hub CA), then turn after turn read the devices that advertise, keep the hub connected with backoff and
    /// send the outbox. Nothing an adapter throws ends it: a device's attempt ends as a unit fault, the uplink is
    /// retried, and the LED shows the fault meanwhile. A config, CA or storage that cannot be used at boot is the
    /// fault state (solid red, a line naming the problem), never a boot loop. Buttons are pressed on their event
    /// threads: a press is only queued here and acted on by the loop, between device sessions.
    /// </summary>
    public sealed class HomeUnitRuntime
    {
        private readonly IUnitPlatform platform;
        private readonly UnitTimings timings;
        private readonly AutoResetEvent wake = new AutoResetEvent(false);
        private int pairingPresses;
        private int resetRequests;
        private IUnitClock clock;
        private IUplinkClient uplink;
        private ReconnectBackoff backoff;
        private long nextConnect;
        private bool started;

        /// <summary>Creates the runtime over the platform's adapters; nothing runs until <see cref="Start"/> or <see cref="Run"/>.</summary>
        public HomeUnitRuntime(IUnitPlatform platform, UnitTimings timings)
        {
            this.platform = platform;
            this.timings = timings;
        }

        /// <summary>Why the unit is in the fault state, or null.</summary>
        public string Fault { get; private set; }

        /// <summary>The unit's behaviour once started (null before, or after a boot fault).</summary>
        public HomeUnitController Controller { get; private set; }

        /// <summary>
        /// Boots: reads and checks the config and the hub CA from flash, makes the adapters that need them, opens the
        /// outbox. False, with <see cref="Fault"/> saying why and the LED red, when any of that is unusable.
        /// </summary>
        public bool Start()
        {
            if (started || Fault != null)
            {
                return started;
            }

            platform.Led.Show(LedState.Starting);
            UnitConfig config;
            string error;
            byte[] raw = Read(UnitFiles.Config);
            if (raw == null)
            {
                return Fail(UnitFiles.Config + " is missing or unreadable (hardware/FLASHING.md step 6)");
            }

            if (!UnitConfig.TryParse(new string(Encoding.UTF8.GetChars(raw)), out config, out error))
            {
                return Fail(error);
            }

            byte[] ca = null;
            if (config.Tls)
            {
                ca = Read(config.CaFile);
                if (ca == null || ca.Length == 0)
                {
                    return Fail(config.CaFile + " is missing or unreadable (hardware/FLASHING.md step 6)");
                }
            }

            try
            {
                uplink = platform.CreateUplink(config.Host, config.Port, ca);
            }
            catch (Exception ex)
            {
                return Fail((config.Tls ? config.CaFile + " is not a usable certificate: " : "mqtt: ") + ex.Message);
            }

            IWifiStatus wifi;
            try
            {
                wifi = platform.JoinWifi(config.WifiSsid, config.WifiPassword);
                clock = platform.StartClock(config.SntpServer != null ? config.SntpServer : config.Host);
            }
            catch (Exception ex)
            {
                return Fail("network: " + ex.Message);
            }

            var controller = new HomeUnitController(config, platform.Flash, platform.Ble, uplink, clock, platform.Led, wifi, timings);
            if (!controller.Start())
            {
                return Fail(controller.Fault);
            }

            // Anything that gives the loop work wakes it early: a confirmed device advertising, a PUBACK (the next
            // frame can go), a new config.
            controller.DeviceHeard += OnDeviceHeard;
            uplink.Acknowledged += OnAcknowledged;
            uplink.ConfigReceived += OnConfigReceived;
            backoff = new ReconnectBackoff(timings.ReconnectFirstMilliseconds, timings.ReconnectMaxMilliseconds, (int)(clock.Milliseconds & 0x7FFFFFFF) ^ config.UnitId.GetHashCode());
            nextConnect = clock.Milliseconds;
            Controller = controller;
            started = true;
            return true;
        }

        /// <summary>The pairing button went down (any thread): pairing starts at the loop's next turn, between sessions.</summary>
        public void PressPairingButton()
        {
            Interlocked.Exchange(ref pairingPresses, 1);
            wake.Set();
        }

        /// <summary>
        /// The reset button was held (any thread): at the loop's next turn the config and device progress are deleted,
        /// the outbox keeps its unsent readings, and the unit restarts.
        /// </summary>
        public void RequestFactoryReset()
        {
            Interlocked.Exchange(ref resetRequests, 1);
            wake.Set();
        }

        /// <summary>Boots if needed, then turns until <paramref name="keepRunning"/> says stop, sleeping between turns unless woken.</summary>
        public void Run(RunCondition keepRunning)
        {
            Start();
            while (keepRunning())
            {
                int wait = RunOnce();
                if (wait > 0)
                {
                    wake.WaitOne(wait, false);
                }
            }
        }

        /// <summary>One turn of the loop; returns how long the loop may sleep before the next (milliseconds).</summary>
        public int RunOnce()
        {
            if (!Start())
            {
                // The fault state: the LED stays red, nothing is read or sent, and a reset (or re-provisioning) is
                // what gets the unit out of it.
                return timings.IdleMilliseconds;
            }

            if (Interlocked.Exchange(ref resetRequests, 0) != 0)
            {
                FactoryReset();
                return timings.IdleMilliseconds;
            }

            if (Interlocked.Exchange(ref pairingPresses, 0) != 0)
            {
                Controller.StartPairing();
            }

            if (Controller.IsReadDue)
            {
                Controller.ReadDevices();
            }

            ServiceHub();
            Controller.UpdateLed();
            return NextWait();
        }

        private void ServiceHub()
        {
            long now = clock.Milliseconds;
            try
            {
                if (!uplink.IsConnected && now >= nextConnect)
                {
                    if (Controller.EnsureConnected())
                    {
                        backoff.Reset();
                    }
                    else
                    {
                        nextConnect = now + backoff.NextDelayMilliseconds();
                    }
                }

                Controller.ServiceUplink();
                Controller.UplinkRecovered();
            }
            catch (Exception ex)
            {
                Controller.UplinkFailed(ex.Message);
                nextConnect = now + backoff.NextDelayMilliseconds();
            }
        }

        private int NextWait()
        {
            if (uplink.IsConnected)
            {
                return timings.IdleMilliseconds;
            }

            long untilConnect = nextConnect - clock.Milliseconds;
            if (untilConnect <= 0)
            {
                return 0;
            }

            return untilConnect < timings.IdleMilliseconds ? (int)untilConnect : timings.IdleMilliseconds;
        }

        private void FactoryReset()
        {
            try
            {
                platform.Flash.Delete(UnitFiles.Config);
                platform.Flash.Delete(DeviceProgress.FileName);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("factory reset: " + ex.Message);
            }

            platform.Restart();
        }

        private byte[] Read(string name)
        {
            try
            {
                return platform.Flash.ReadAll(name);
            }
            catch (Exception ex)
            {
                Debug.WriteLine(name + ": " + ex.Message);
                return null;
            }
        }

        private bool Fail(string reason)
        {
            Fault = reason;
            platform.Led.Show(LedState.Fault);
            Debug.WriteLine("fault: " + reason);
            return false;
        }

        private void OnDeviceHeard(BleAdvertisement advertisement)
        {
            wake.Set();
        }

        private void OnAcknowledged(int messageId)
        {
            wake.Set();
        }

        private void OnConfigReceived(byte[] payload)
        {
            wake.Set();
        }
    }
}
