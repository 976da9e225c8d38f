using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.HomeUnit.Readings;
using Dorset.Telehealth.HomeUnit.Time;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.BloodPressure;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.RecordAccess;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Weight;

namespace Dorset.Telehealth.HomeUnit.Sessions
{
    /// <summary>
    /// Collects the measurements a scale, blood pressure cuff or pulse oximeter pushes after it connects: weight
    /// (0x2A9D), blood pressure including stored and error records (0x2A35), PLX spot-checks (0x2A5E) and PLX continuous
    /// samples (0x2A5F, summarised by <see cref="ContinuousOximetrySummary"/>). The session ends when the device
    /// disconnects, stays quiet for the quiet time, or uses up its <see cref="SessionBudget"/> (a continuous oximeter
    /// never goes quiet). Indications are confirmed by the stack on receipt, so the device forgets them: each reading is
    /// committed as existing only on the unit.
    /// </summary>
    public sealed class MeasurementSession
    {
        private readonly IBleConnection connection;
        private readonly PairedDevice device;
        private readonly BleAddressType addressType;
        private readonly IReadingSink sink;
        private readonly IUnitClock clock;
        private readonly SessionBudget budget;
        private readonly NotificationInbox inbox = new NotificationInbox();
        private readonly ContinuousOximetrySummary summary = new ContinuousOximetrySummary();

        /// <summary>Creates a session over an open connection to <paramref name="device"/>, dialled as <paramref name="addressType"/>.</summary>
        public MeasurementSession(IBleConnection connection, PairedDevice device, BleAddressType addressType, IReadingSink sink, IUnitClock clock, SessionBudget budget)
        {
            this.connection = connection;
            this.device = device;
            this.addressType = addressType;
            this.sink = sink;
            this.clock = clock;
            this.budget = budget;
        }

        /// <summary>Readings committed during this session.</summary>
        public int Committed { get; private set; }

        /// <summary>Readings the outbox could not take (counted by the outbox as dropped).</summary>
        public int Dropped { get; private set; }

        /// <summary>Runs the session to its end.</summary>
        public SessionResult Run()
        {
            if (device.NeedsBond && !connection.Pair())
            {
                return SessionResult.BondFailed;
            }

            // A device may push everything and drop the link as soon as its first characteristic is subscribed, so a
            // later subscription failing on a closed link is normal: what arrived is still handled.
            bool subscribed = Subscribe();
            if (!subscribed && connection.IsConnected)
            {
                return SessionResult.Refused;
            }

            if (subscribed && device.Kind == DeviceKind.PulseOximeter && HasStorage())
            {
                SessionResult stored = FetchStoredSpotChecks();
                if (stored != SessionResult.Completed)
                {
                    return stored;
                }
            }

            while (true)
            {
                // Once the device has dropped the link, or the budget is spent, only what is already queued is taken:
                // the stack confirmed those values to the device, which has forgotten them.
                Notification notification = inbox.Take(connection.IsConnected ? budget.NextWait() : 0);
                if (notification == null)
                {
                    if (connection.IsConnected && budget.IsSpent)
                    {
                        return SessionResult.TimedOut;
                    }

                    return subscribed || Committed + Dropped > 0 ? SessionResult.Completed : SessionResult.Disconnected;
                }

                Handle(notification);
            }
        }

        private bool HasStorage()
        {
            byte[] value = connection.Read(GattUuids.PulseOximeterService, GattUuids.PlxFeatures);
            PlxFeatures features;
            DecodeFailure failure;
            return value != null && PlxFeatures.TryDecode(value, 0, value.Length, out features, out failure) && features.HasStorage
                && connection.HasCharacteristic(GattUuids.PulseOximeterService, GattUuids.RecordAccessControlPoint);
        }

        /// <summary>
        /// Stored spot-checks (PLXS 1.0, 3.1 with RACP): "report all", commit each as kept on the device, then "delete all"
        /// once every one is in the outbox, so the next session gets only new ones. When the outbox fills, the transfer is
        /// aborted and nothing is deleted: the records wait on the oximeter.
        /// </summary>
        private SessionResult FetchStoredSpotChecks()
        {
            if (!connection.Subscribe(GattUuids.PulseOximeterService, GattUuids.RecordAccessControlPoint, true, inbox.Receive)
                || !connection.Write(GattUuids.PulseOximeterService, GattUuids.RecordAccessControlPoint, RacpEncoder.ReportAll()))
            {
                return connection.IsConnected ? SessionResult.Refused : SessionResult.Disconnected;
            }

            while (true)
            {
                if (budget.IsSpent)
                {
                    // Nothing is deleted: the stored spot-checks wait on the oximeter for the next session.
                    connection.Write(GattUuids.PulseOximeterService, GattUuids.RecordAccessControlPoint, RacpEncoder.Abort());
                    return SessionResult.TimedOut;
                }

                Notification notification = inbox.Take(budget.NextWait());
                if (notification == null)
                {
                    return connection.IsConnected ? SessionResult.TimedOut : SessionResult.Disconnected;
                }

                byte[] value = notification.Value;
                DecodeFailure failure;
                if (notification.Characteristic == GattUuids.RecordAccessControlPoint)
                {
                    RacpValue response;
                    if (!RacpDecoder.TryDecode(value, 0, value.Length, out response, out failure) || response.Opcode != RacpOpcode.ResponseCode)
                    {
                        continue;
                    }

                    if (response.ResponseCode == RacpResponseCode.Success && response.RequestOpcode == RacpOpcode.ReportStoredRecords)
                    {
                        connection.Write(GattUuids.PulseOximeterService, GattUuids.RecordAccessControlPoint, DeleteAll());
                        continue;
                    }

                    return response.ResponseCode == RacpResponseCode.Success || response.ResponseCode == RacpResponseCode.NoRecordsFound
                        ? SessionResult.Completed
                        : SessionResult.DeviceError;
                }

                PlxSpotCheck stored;
                if (notification.Characteristic == GattUuids.PlxSpotCheckMeasurement && PlxSpotCheckCodec.TryDecode(value, 0, value.Length, out stored, out failure)
                    && stored.HasMeasurementStatus && (stored.MeasurementStatus & PlxStatus.FromStorage) != 0)
                {
                    if (Commit(stored, stored.HasTimestamp && !stored.DeviceClockNotSet ? stored.Timestamp : null, stored.TimestampInvalid, true) == OutboxAppendResult.FullKeptOnDevice)
                    {
                        connection.Write(GattUuids.PulseOximeterService, GattUuids.RecordAccessControlPoint, RacpEncoder.Abort());
                        return SessionResult.OutboxFull;
                    }
                }
                else
                {
                    Handle(notification);
                }
            }
        }

        private static byte[] DeleteAll()
        {
            var request = new RacpValue();
            request.Opcode = RacpOpcode.DeleteStoredRecords;
            request.Operator = RacpOperator.AllRecords;
            return RacpEncoder.Encode(request);
        }

        private bool Subscribe()
        {
            CharacteristicValueHandler handler = inbox.Receive;
            switch (device.Kind)
            {
                case DeviceKind.WeightScale:
                    return connection.Subscribe(GattUuids.WeightScaleService, GattUuids.WeightMeasurement, true, handler);
                case DeviceKind.BloodPressureMonitor:
                    return connection.Subscribe(GattUuids.BloodPressureService, GattUuids.BloodPressureMeasurement, true, handler);
                case DeviceKind.PulseOximeter:
                    bool spotCheck = connection.HasCharacteristic(GattUuids.PulseOximeterService, GattUuids.PlxSpotCheckMeasurement);
                    bool continuous = connection.HasCharacteristic(GattUuids.PulseOximeterService, GattUuids.PlxContinuousMeasurement);
                    return (spotCheck || continuous)
                        && (!spotCheck || connection.Subscribe(GattUuids.PulseOximeterService, GattUuids.PlxSpotCheckMeasurement, true, handler))
                        && (!continuous || connection.Subscribe(GattUuids.PulseOximeterService, GattUuids.PlxContinuousMeasurement, false, handler));
                default:
                    return false;
            }
        }

        private void Handle(Notification notification)
        {
            byte[] value = notification.Value;
            DecodeFailure failure;
            if (notification.Characteristic == GattUuids.WeightMeasurement)
            {
                WeightMeasurement weight;
                if (WeightMeasurementCodec.TryDecode(value, 0, value.Length, out weight, out failure))
                {
                    Commit(weight, weight.HasTimestamp ? weight.Timestamp : null, weight.TimestampInvalid, false);
                }
            }
            else if (notification.Characteristic == GattUuids.BloodPressureMeasurement)
            {
                BloodPressureMeasurement pressure;
                if (BloodPressureMeasurementCodec.TryDecode(value, 0, value.Length, out pressure, out failure))
                {
                    Commit(pressure, pressure.HasTimestamp ? pressure.Timestamp : null, pressure.TimestampInvalid, false);
                }
            }
            else if (notification.Characteristic == GattUuids.PlxSpotCheckMeasurement)
            {
                PlxSpotCheck spotCheck;
                if (PlxSpotCheckCodec.TryDecode(value, 0, value.Length, out spotCheck, out failure))
                {
                    Commit(spotCheck, spotCheck.HasTimestamp && !spotCheck.DeviceClockNotSet ? spotCheck.Timestamp : null, spotCheck.TimestampInvalid, false);
                }
            }
            else if (notification.Characteristic == GattUuids.PlxContinuousMeasurement)
            {
                PlxContinuous sample;
                if (PlxContinuousCodec.TryDecode(value, 0, value.Length, out sample, out failure))
                {
                    PlxSpotCheck stable = summary.Add(sample);
                    if (stable != null)
                    {
                        Commit(stable, null, false, false);
                    }
                }
            }
        }

        /// <summary>
        /// Commits a measurement; <paramref name="timeInvalid"/> when the device sent a time that is no valid time (kept,
        /// timed by receipt).
        /// </summary>
        private OutboxAppendResult Commit(object measurement, DeviceTime deviceTime, bool timeInvalid, bool keptOnDevice)
        {
            DeviceReading reading = DeviceReading.Of(device, addressType);
            reading.Measurement = measurement;
            reading.DeviceSequence = DeviceReading.NoSequence;
            reading.DeviceTime = deviceTime;
            reading.DeviceTimeInvalid = timeInvalid;
            reading.ReceivedAt = clock.UtcNow;
            reading.ClockSynchronised = clock.IsSynchronised;
            reading.KeptOnDevice = keptOnDevice;
            OutboxAppendResult result = sink.Commit(reading);
            if (result == OutboxAppendResult.Dropped)
            {
                Dropped++;
            }
            else if (result != OutboxAppendResult.FullKeptOnDevice && result != OutboxAppendResult.DeadLettered)
            {
                Committed++;
            }

            return result;
        }
    }
}
