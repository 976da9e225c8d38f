using System;
using System.Text;
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

namespace Dorset.Telehealth.HomeUnit
{
    /// <summary>
    /// The home unit's behaviour, driven by the platform's main loop: <see cref="Start"/> once, then
    /// <see cref="ReadDevices"/> and <see cref="ServiceUplink"/> as often as the loop likes. It reads only the devices
    /// the gateway confirmed in the retained config, commits every reading to the outbox before it counts as read, and
    /// sends the outbox in order.
    /// </summary>
    public sealed class HomeUnitController
    {
        /// <summary>The firmware version reported in the status.</summary>
        public const string FirmwareVersion = "1.0.0";

        private const int DefaultOutboxCapacity = 512;
        private static readonly TimeSpan PairingDuration = new TimeSpan(0, 2, 0);
        private readonly UnitConfig config;
        private readonly IFlashStorage flash;
        private readonly IBleCentral ble;
        private readonly IUplinkClient mqtt;
        private readonly IUnitClock clock;
        private readonly IStatusLed led;
        private readonly IWifiStatus wifi;
        private readonly int sessionTimeoutMilliseconds;
        private ReadingOutbox outbox;
        private DeviceProgress progress;
        private OutboxReadingSink sink;
        private UplinkPublisher publisher;
        private PairedDevice[] devices = new PairedDevice[0];
        private string lastStatus;
        private PairingScan pairing;
        private readonly DeviceHealth[] health = new DeviceHealth[DeviceProgress.Slots];
        private readonly DateTime[] lastMaintenance = new DateTime[DeviceProgress.Slots];
        // Per slot, how the last attempt to read the device ended (null: never attempted), so hub staff can see a
        // meter that cannot bond or a scale that is never in range instead of only missing readings.
        private readonly string[] lastSession = new string[DeviceProgress.Slots];

        /// <summary>Creates the controller over the platform's adapters.</summary>
        public HomeUnitController(UnitConfig config, IFlashStorage flash, IBleCentral ble, IUplinkClient mqtt, IUnitClock clock, IStatusLed led, IWifiStatus wifi, int sessionTimeoutMilliseconds)
        {
            this.wifi = wifi;
            this.config = config;
            this.flash = flash;
            this.ble = ble;
            this.mqtt = mqtt;
            this.clock = clock;
            this.led = led;
            this.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds;
        }

        /// <summary>Raised after each reading is committed to the outbox.</summary>
        public event ReadingCommittedHandler ReadingCommitted;

        /// <summary>Why the unit is in the fault state, or null.</summary>
        public string Fault { get; private set; }

        /// <summary>Readings committed since start.</summary>
        public int ReadingsCommitted { get; private set; }

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

        /// <summary>Opens the outbox and progress; false (and the fault LED) when flash is unusable.</summary>
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
            sink = new OutboxReadingSink(outbox);
            sink.Committed += OnReadingCommitted;
            publisher = new UplinkPublisher(outbox, mqtt, config.UnitId);
            mqtt.Acknowledged += publisher.OnAcknowledged;
            mqtt.ConfigReceived += OnConfigReceived;
            pairing = new PairingScan(ble);
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
            if (!wifi.IsConnected)
            {
                led.Show(LedState.NoWifi);
                return false;
            }

            if (!mqtt.Connect(config.UnitId, config.Password, UnitTopics.Status(config.UnitId), UnitStatus.OfflineWill(), UnitTopics.Config(config.UnitId)))
            {
                led.Show(LedState.NoHub);
                return false;
            }

            PublishStatus();
            return true;
        }

        /// <summary>
        /// The pairing button was pressed: scan for two minutes and report health devices on the status topic. Reading
        /// pauses meanwhile, because the radio cannot scan and connect at once.
        /// </summary>
        public void StartPairing()
        {
            pairing.Start(clock.UtcNow, PairingDuration);
        }

        /// <summary>True while pairing mode scans.</summary>
        public bool IsPairing
        {
            get { return pairing.IsActive; }
        }

        /// <summary>One pass over the confirmed devices: connect, fetch, disconnect. Returns the readings committed.</summary>
        public int ReadDevices()
        {
            int before = ReadingsCommitted;
            if (pairing.IsActive)
            {
                return 0;
            }

            PairedDevice[] current = devices;
            for (int i = 0; i < current.Length; i++)
            {
                PairedDevice device = current[i];
                if (device.Kind == DeviceKind.GlucoseMeter && outbox.IsFull)
                {
                    // Its records wait safely in the meter until the outbox drains.
                    lastSession[device.Slot] = SessionResultNames.Name(SessionResult.OutboxFull);
                    continue;
                }

                IBleConnection connection = ble.Connect(device.Address, DeviceKinds.Service(device.Kind));
                if (connection == null)
                {
                    lastSession[device.Slot] = SessionResultNames.Name(SessionResult.Unreachable);
                    continue;
                }

                try
                {
                    MaintainIfDue(connection, device);
                    SessionResult result = device.Kind == DeviceKind.GlucoseMeter
                        ? new GlucoseMeterSession(connection, device, sink, progress, clock, sessionTimeoutMilliseconds).Run()
                        : new MeasurementSession(connection, device, sink, clock, sessionTimeoutMilliseconds).Run();
                    lastSession[device.Slot] = SessionResultNames.Name(result);
                }
                finally
                {
                    connection.Disconnect();
                }
            }

            return ReadingsCommitted - before;
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

        private void MaintainIfDue(IBleConnection connection, PairedDevice device)
        {
            DateTime now = clock.UtcNow;
            if (health[device.Slot] != null && now - lastMaintenance[device.Slot] < DeviceMaintenance.Interval)
            {
                return;
            }

            var checkedNow = new DeviceHealth(device.Slot);
            DeviceMaintenance.Run(connection, device, clock, checkedNow);
            health[device.Slot] = checkedNow;
            lastMaintenance[device.Slot] = now;
        }

        /// <summary>Sends what is queued (one frame in flight) and the status when it changed.</summary>
        public void ServiceUplink()
        {
            if (!mqtt.IsConnected)
            {
                return;
            }

            publisher.PublishNext();
            pairing.StopIfDue(clock.UtcNow);
            PublishStatus();
            led.Show(outbox.Count > 0 ? LedState.Backlog : LedState.AllGood);
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
            }
        }
    }
}
