using System.Text;
using System;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Config;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Indicators;
using Dorset.Telehealth.HomeUnit.Network;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.HomeUnit.Pairing;
using Dorset.Telehealth.HomeUnit.Readings;
using Dorset.Telehealth.HomeUnit.Sessions;
using Dorset.Telehealth.HomeUnit.Storage;
using Dorset.Telehealth.HomeUnit.Time;
using Dorset.Telehealth.HomeUnit.Uplink;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.HomeUnit
{
    /// <summary>
    /// The home unit's behaviour, driven by <see cref="HomeUnitRuntime"/>'s loop: <see cref="Start"/> once, then
    /// <see cref="ReadDevices"/> and <see cref="ServiceUplink"/> as often as the loop likes. It reads only the devices
    /// the gateway confirmed in the retained config, and only when they advertise; commits every reading to the outbox
    /// before it counts as read, and sends the outbox in order. Between device sessions the radio scans.
    /// </summary>
    public sealed class HomeUnitController
    {
        /// <summary>The firmware version reported in the status.</summary>
        public const string FirmwareVersion = "1.0.0";

        private const int DefaultOutboxCapacity = 512;
        private const int ReadingFlashMilliseconds = 1000;
        private static readonly TimeSpan PairingDuration = new TimeSpan(0, 2, 0);
        private readonly UnitConfig config;
        private readonly IFlashStorage flash;
        private readonly IBleCentral ble;
        private readonly IUplinkClient mqtt;
        private readonly IUnitClock clock;
        private readonly IStatusLed led;
        private readonly IWifiStatus wifi;
        private readonly UnitTimings timings;
        private readonly DevicePresence presence = new DevicePresence();
        private readonly PairingScan pairing = new PairingScan();
        private ReadingOutbox outbox;
        private DeadLetterFile deadLetters;
        private DeviceProgress progress;
        private OutboxReadingSink sink;
        private UplinkPublisher publisher;
        private PairedDevice[] devices = new PairedDevice[0];
        private string lastStatus;
        private long lastPass = long.MinValue;
        // Set when a new config arrives: the next turn restarts the scan, so newly confirmed devices are listened for
        // at once rather than at the next periodic pass.
        private bool devicesChanged;
        private long flashUntil = long.MinValue;
        private readonly DeviceHealth[] health = new DeviceHealth[DeviceProgress.Slots];
        private readonly DateTime[] lastMaintenance = new DateTime[DeviceProgress.Slots];
        private readonly long[] lastTried = new long[DeviceProgress.Slots];
        // Per slot, how the last attempt to read the device ended (null: never attempted), so hub staff can see a
        // meter that cannot bond or a scale that is never in range instead of only missing readings.
        private readonly string[] lastSession = new string[DeviceProgress.Slots];

        /// <summary>Creates the controller over the platform's adapters.</summary>
        public HomeUnitController(UnitConfig config, IFlashStorage flash, IBleCentral ble, IUplinkClient mqtt, IUnitClock clock, IStatusLed led, IWifiStatus wifi, UnitTimings timings)
        {
            this.wifi = wifi;
            this.config = config;
            this.flash = flash;
            this.ble = ble;
            this.mqtt = mqtt;
            this.clock = clock;
            this.led = led;
            this.timings = timings;
            for (int slot = 0; slot < DeviceProgress.Slots; slot++)
            {
                lastTried[slot] = long.MinValue;
            }
        }

        /// <summary>Raised after each reading is committed to the outbox.</summary>
        public event ReadingCommittedHandler ReadingCommitted;

        /// <summary>Raised on the radio's thread when a confirmed device advertises: the loop has something to do.</summary>
        public event AdvertisementHandler DeviceHeard;

        /// <summary>Why the unit cannot run at all (storage unusable), or null.</summary>
        public string Fault { get; private set; }

        /// <summary>
        /// What the unit's own radio or uplink last threw, while it keeps failing (the LED shows the fault meanwhile);
        /// null once they work again.
        /// </summary>
        public string UnitFault
        {
            get { return radioFault != null ? radioFault : uplinkFault; }
        }

        private string radioFault;
        private string uplinkFault;

        /// <summary>Readings committed since start.</summary>
        public int ReadingsCommitted { get; private set; }

        /// <summary>Readings moved to the dead-letter file over the unit's life (a firmware fault; the hub sees the count).</summary>
        public int DeadLettered
        {
            get { return deadLetters == null ? 0 : deadLetters.Count; }
        }

        /// <summary>Readings waiting for PUBACK.</summary>
        public int OutboxDepth
        {
            get { return outbox == null ? 0 : outbox.Count; }
        }

        /// <summary>The uplink (for its counters).</summary>
        public UplinkPublisher Publisher
        {
            get { return publisher; }
        }

        /// <summary>The devices the gateway has confirmed.</summary>
        public PairedDevice[] Devices
        {
            get { return devices; }
        }

        /// <summary>Opens the outbox and progress and starts scanning; false (and the fault LED) when flash is unusable.</summary>
        public bool Start()
        {
            led.Show(LedState.Starting);
            try
            {
                outbox = ReadingOutbox.Open(flash, DefaultOutboxCapacity);
            }
            catch (OutboxCorruptException ex)
            {
                Fault = ex.Message;
                led.Show(LedState.Fault);
                return false;
            }

            progress = DeviceProgress.Load(flash);
            deadLetters = DeadLetterFile.Open(flash);
            sink = new OutboxReadingSink(outbox, deadLetters);
            sink.Committed += OnReadingCommitted;
            publisher = new UplinkPublisher(outbox, mqtt, deadLetters, config.UnitId);
            mqtt.Acknowledged += publisher.OnAcknowledged;
            mqtt.ConfigReceived += OnConfigReceived;
            RestartScan();
            return true;
        }

        /// <summary>Connects to the hub if not connected; true when connected. The caller waits its backoff on false.</summary>
        public bool EnsureConnected()
        {
            if (mqtt.IsConnected)
            {
                return true;
            }

            publisher.OnConnectionLost();
            lastStatus = null;
            if (!wifi.IsConnected || !mqtt.Connect(config.UnitId, config.Password, UnitTopics.Status(config.UnitId), UnitStatus.OfflineWill(), UnitTopics.Config(config.UnitId)))
            {
                return false;
            }

            PublishStatus();
            return true;
        }

        /// <summary>
        /// The pairing button was pressed: for two minutes, report the health devices the scan hears on the status
        /// topic. Reading pauses meanwhile, so the radio only listens. Call it from the loop, never from a button's
        /// event thread (<see cref="HomeUnitRuntime.PressPairingButton"/> queues the press).
        /// </summary>
        public void StartPairing()
        {
            pairing.Start(clock.UtcNow, PairingDuration);

            // The stack reports each device once per scan, so devices already advertising before the press would never
            // be heard again as candidates: listen afresh.
            StopScan();
            radioFault = RestartScan();
        }

        /// <summary>True while pairing mode lasts.</summary>
        public bool IsPairing
        {
            get { return pairing.IsActive; }
        }

        /// <summary>
        /// True when a pass over the devices is due: a confirmed device advertised and was not read within the read
        /// interval, or a whole interval went by since the last pass (which restarts the scan). Never while pairing.
        /// </summary>
        public bool IsReadDue
        {
            get
            {
                if (pairing.IsActive)
                {
                    return false;
                }

                long now = clock.Milliseconds;
                if (devicesChanged || lastPass == long.MinValue || now - lastPass >= timings.ReadIntervalMilliseconds)
                {
                    return true;
                }

                PairedDevice[] current = devices;
                for (int i = 0; i < current.Length; i++)
                {
                    BleAddressType type;
                    if (presence.IsPresent(current[i].Address, out type) && IsDueAgain(current[i].Slot, now))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// One pass over the confirmed devices: each that advertised since the scan started (and was not read within the
        /// read interval) is connected, read within its budget and disconnected; the others are unreachable without a
        /// connect. Then the scan starts again. Whatever an adapter throws ends that device's attempt as a unit fault,
        /// never the pass. Returns the readings committed.
        /// </summary>
        public int ReadDevices()
        {
            int before = ReadingsCommitted;
            if (pairing.IsActive)
            {
                return 0;
            }

            long passStart = clock.Milliseconds;
            lastPass = passStart;
            devicesChanged = false;
            string fault = null;
            StopScan();
            PairedDevice[] current = devices;
            for (int i = 0; i < current.Length; i++)
            {
                PairedDevice device = current[i];
                BleAddressType addressType;
                if (!presence.IsPresent(device.Address, out addressType))
                {
                    lastSession[device.Slot] = SessionResultNames.Name(SessionResult.Unreachable);
                    continue;
                }

                if (!IsDueAgain(device.Slot, passStart))
                {
                    continue;
                }

                lastTried[device.Slot] = clock.Milliseconds;
                try
                {
                    lastSession[device.Slot] = SessionResultNames.Name(ReadDevice(device, addressType));
                }
                catch (Exception ex)
                {
                    lastSession[device.Slot] = SessionResultNames.Name(SessionResult.UnitFault);
                    fault = "radio: " + ex.Message;
                }
            }

            string scanFault = RestartScan();
            radioFault = fault != null ? fault : scanFault;
            return ReadingsCommitted - before;
        }

        private bool IsDueAgain(int slot, long now)
        {
            return lastTried[slot] == long.MinValue || now - lastTried[slot] >= timings.ReadIntervalMilliseconds;
        }

        private SessionResult ReadDevice(PairedDevice device, BleAddressType addressType)
        {
            if (device.Kind == DeviceKind.GlucoseMeter && outbox.IsFull)
            {
                // Its records wait safely in the meter until the outbox drains.
                return SessionResult.OutboxFull;
            }

            var budget = new SessionBudget(clock, timings.QuietMilliseconds, timings.DeviceBudgetMilliseconds);
            IBleConnection connection = ble.Connect(device.Address, addressType, DeviceKinds.Service(device.Kind));
            if (connection == null)
            {
                return SessionResult.Unreachable;
            }

            try
            {
                MaintainIfDue(connection, device, budget);
                return device.Kind == DeviceKind.GlucoseMeter
                    ? new GlucoseMeterSession(connection, device, addressType, sink, progress, clock, budget).Run()
                    : new MeasurementSession(connection, device, addressType, sink, clock, budget).Run();
            }
            finally
            {
                connection.Disconnect();
            }
        }

        /// <summary>How the last attempt to read the device in <paramref name="slot"/> ended, as the status names it, or null.</summary>
        public string LastSessionOf(int slot)
        {
            return lastSession[slot];
        }

        /// <summary>What the unit last learnt about the device in <paramref name="slot"/>, or null before first contact.</summary>
        public DeviceHealth HealthOf(int slot)
        {
            return health[slot];
        }

        private void MaintainIfDue(IBleConnection connection, PairedDevice device, SessionBudget budget)
        {
            DateTime now = clock.UtcNow;
            if (budget.IsSpent || (health[device.Slot] != null && now - lastMaintenance[device.Slot] < DeviceMaintenance.Interval))
            {
                return;
            }

            var checkedNow = new DeviceHealth(device.Slot);
            DeviceMaintenance.Run(connection, device, clock, checkedNow);
            health[device.Slot] = checkedNow;
            lastMaintenance[device.Slot] = now;
        }

        /// <summary>Sends what is queued (one frame in flight) and the status when it changed; ends pairing mode when due.</summary>
        public void ServiceUplink()
        {
            pairing.StopIfDue(clock.UtcNow);
            if (!mqtt.IsConnected)
            {
                return;
            }

            publisher.PublishNext();
            PublishStatus();
        }

        /// <summary>The uplink threw (an adapter broke its promise): shown as a unit fault until <see cref="UplinkRecovered"/>.</summary>
        public void UplinkFailed(string reason)
        {
            uplinkFault = "uplink: " + reason;
        }

        /// <summary>A turn of the uplink went through without an exception.</summary>
        public void UplinkRecovered()
        {
            uplinkFault = null;
        }

        /// <summary>
        /// Shows what matters most on the LED (hardware/README.md "Status LED"): a unit fault, no Wi-Fi, no hub, a
        /// reading just stored, readings waiting, or all good.
        /// </summary>
        public void UpdateLed()
        {
            if (UnitFault != null)
            {
                led.Show(LedState.Fault);
            }
            else if (clock.Milliseconds < flashUntil)
            {
                // Leave the three flashes running.
            }
            else if (!wifi.IsConnected)
            {
                led.Show(LedState.NoWifi);
            }
            else if (!mqtt.IsConnected)
            {
                led.Show(LedState.NoHub);
            }
            else
            {
                led.Show(outbox.Count > 0 ? LedState.Backlog : LedState.AllGood);
            }
        }

        private void StopScan()
        {
            try
            {
                ble.StopScan();
            }
            catch (Exception)
            {
                // A stop that fails leaves nothing to undo; the connect that follows reports its own failure.
            }
        }

        /// <summary>Clears what was heard and listens afresh; the failure's description, or null.</summary>
        private string RestartScan()
        {
            presence.Clear();
            try
            {
                ble.StartScan(OnAdvertisement);
                return null;
            }
            catch (Exception ex)
            {
                return "radio: " + ex.Message;
            }
        }

        private void OnAdvertisement(BleAdvertisement advertisement)
        {
            pairing.Observe(advertisement);
            PairedDevice[] current = devices;
            for (int i = 0; i < current.Length; i++)
            {
                if (current[i].Address.ToUpper() == advertisement.Address.ToUpper())
                {
                    presence.Observe(advertisement);
                    AdvertisementHandler handler = DeviceHeard;
                    if (handler != null)
                    {
                        handler(advertisement);
                    }

                    return;
                }
            }
        }

        private void PublishStatus()
        {
            var status = new UnitStatus();
            status.State = "online";
            status.Firmware = FirmwareVersion;
            status.Battery = 100;
            status.Rssi = wifi.Rssi;
            status.OutboxDepth = outbox.Count;
            status.Dropped = outbox.DroppedCount;
            status.DeadLettered = deadLetters.Count;
            status.ClockSynced = clock.IsSynchronised;
            status.Candidates = pairing.IsActive ? pairing.Candidates() : null;
            status.Devices = health;
            status.Sessions = lastSession;
            byte[] payload = status.ToJson();
            string text = Encoding.UTF8.GetString(payload, 0, payload.Length);
            if (text != lastStatus && mqtt.Publish(UnitTopics.Status(config.UnitId), payload, true) >= 0)
            {
                lastStatus = text;
            }
        }

        private void OnReadingCommitted(DeviceReading reading, uint outboxSequence)
        {
            ReadingsCommitted++;
            led.Show(LedState.ReadingReceived);
            flashUntil = clock.Milliseconds + ReadingFlashMilliseconds;
            ReadingCommittedHandler handler = ReadingCommitted;
            if (handler != null)
            {
                handler(reading, outboxSequence);
            }
        }

        private void OnConfigReceived(byte[] payload)
        {
            PairedDevice[] parsed;
            string error;
            if (PairedDeviceList.TryParse(new string(Encoding.UTF8.GetChars(payload)), out parsed, out error))
            {
                devices = parsed;
                devicesChanged = true;
            }
        }
    }
}
