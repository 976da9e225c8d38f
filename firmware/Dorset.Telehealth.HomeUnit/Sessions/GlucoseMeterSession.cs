using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.HomeUnit.Readings;
using Dorset.Telehealth.HomeUnit.Time;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.RecordAccess;

namespace Dorset.Telehealth.HomeUnit.Sessions
{
    /// <summary>
    /// Fetches a glucose meter's new records (GLS 1.0 with RACP): bond if needed, subscribe to 2A18 and 2A34 (notify)
    /// and RACP (indicate), ask for "records &gt;= last+1", pair each context with its measurement by sequence, commit
    /// each reading to the outbox and only then advance the slot's progress, and finish on the RACP response code (or abort
    /// the transfer when the <see cref="SessionBudget"/> is spent: the rest waits on the meter).
    /// When nothing new is found the last record is asked for: a sequence below the one remembered means the meter was
    /// reset or wrapped, so everything is fetched again (the gateway drops repeats).
    /// </summary>
    public sealed class GlucoseMeterSession
    {
        private readonly IBleConnection connection;
        private readonly PairedDevice device;
        private readonly BleAddressType addressType;
        private readonly IReadingSink sink;
        private readonly DeviceProgress progress;
        private readonly IUnitClock clock;
        private readonly SessionBudget budget;
        private readonly NotificationInbox inbox = new NotificationInbox();
        private GlucoseMeasurement waitingForContext;

        /// <summary>Creates a session over an open connection to <paramref name="device"/>, dialled as <paramref name="addressType"/>.</summary>
        public GlucoseMeterSession(IBleConnection connection, PairedDevice device, BleAddressType addressType, IReadingSink sink, DeviceProgress progress, IUnitClock clock,
            SessionBudget budget)
        {
            this.connection = connection;
            this.device = device;
            this.addressType = addressType;
            this.sink = sink;
            this.progress = progress;
            this.clock = clock;
            this.budget = budget;
        }

        /// <summary>Readings committed during this session.</summary>
        public int Committed { get; private set; }

        /// <summary>Runs the session to its end.</summary>
        public SessionResult Run()
        {
            if (device.NeedsBond && !connection.Pair())
            {
                return SessionResult.BondFailed;
            }

            CharacteristicValueHandler handler = inbox.Receive;
            if (!connection.Subscribe(GattUuids.GlucoseService, GattUuids.GlucoseMeasurement, false, handler)
                || (connection.HasCharacteristic(GattUuids.GlucoseService, GattUuids.GlucoseMeasurementContext)
                    && !connection.Subscribe(GattUuids.GlucoseService, GattUuids.GlucoseMeasurementContext, false, handler))
                || !connection.Subscribe(GattUuids.GlucoseService, GattUuids.RecordAccessControlPoint, true, handler))
            {
                return connection.IsConnected ? SessionResult.Refused : SessionResult.Disconnected;
            }

            int last = progress.LastSequence(device.Slot);
            byte[] request = last == DeviceProgress.None ? RacpEncoder.ReportAll() : RacpEncoder.ReportFromSequence(last + 1);
            RacpResponseCode code;
            SessionResult result = Fetch(request, out code);
            if (result != SessionResult.Completed || code != RacpResponseCode.NoRecordsFound || last == DeviceProgress.None)
            {
                return result;
            }

            // Nothing at or after last+1: is the meter's newest record older than the one we remember?
            int before = progress.LastSequence(device.Slot);
            RacpValue lastRecord = new RacpValue();
            lastRecord.Opcode = RacpOpcode.ReportStoredRecords;
            lastRecord.Operator = RacpOperator.LastRecord;
            int newest = DeviceProgress.None;
            result = Fetch(RacpEncoder.Encode(lastRecord), false, out code, ref newest);
            if (result != SessionResult.Completed || newest == DeviceProgress.None || newest >= before)
            {
                return result;
            }

            progress.Set(device.Slot, DeviceProgress.None);
            return Fetch(RacpEncoder.ReportAll(), out code);
        }

        private SessionResult Fetch(byte[] request, out RacpResponseCode code)
        {
            int ignored = DeviceProgress.None;
            return Fetch(request, true, out code, ref ignored);
        }

        /// <summary>
        /// Writes a RACP request and handles what comes back until the response code. With <paramref name="commit"/>
        /// false (the reset probe) records are only looked at: their sequences go to <paramref name="highestSeen"/>.
        /// </summary>
        private SessionResult Fetch(byte[] request, bool commit, out RacpResponseCode code, ref int highestSeen)
        {
            code = RacpResponseCode.Success;
            if (!connection.Write(GattUuids.GlucoseService, GattUuids.RecordAccessControlPoint, request))
            {
                return connection.IsConnected ? SessionResult.Refused : SessionResult.Disconnected;
            }

            while (true)
            {
                if (budget.IsSpent)
                {
                    // The rest of the records stay on the meter; the next session asks from the last one committed.
                    SessionResult kept = CommitWaiting();
                    return Abort(kept == SessionResult.Completed ? SessionResult.TimedOut : kept);
                }

                Notification notification = inbox.Take(budget.NextWait());
                if (notification == null)
                {
                    return FinishWithout(connection.IsConnected ? SessionResult.TimedOut : SessionResult.Disconnected);
                }

                byte[] value = notification.Value;
                DecodeFailure failure;
                if (notification.Characteristic == GattUuids.GlucoseMeasurement)
                {
                    GlucoseMeasurement measurement;
                    if (!GlucoseMeasurementDecoder.TryDecode(value, 0, value.Length, out measurement, out failure))
                    {
                        continue;
                    }

                    if (measurement.Sequence > highestSeen)
                    {
                        highestSeen = measurement.Sequence;
                    }

                    if (!commit)
                    {
                        continue;
                    }

                    SessionResult committed = CommitWaiting();
                    if (committed != SessionResult.Completed)
                    {
                        return Abort(committed);
                    }

                    waitingForContext = measurement;
                    if (!measurement.ContextFollows && (committed = CommitWaiting()) != SessionResult.Completed)
                    {
                        return Abort(committed);
                    }
                }
                else if (notification.Characteristic == GattUuids.GlucoseMeasurementContext)
                {
                    GlucoseContext context;
                    if (waitingForContext != null && GlucoseContextDecoder.TryDecode(value, 0, value.Length, out context, out failure)
                        && context.Sequence == waitingForContext.Sequence)
                    {
                        SessionResult committed = CommitWaiting(context);
                        if (committed != SessionResult.Completed)
                        {
                            return Abort(committed);
                        }
                    }
                }
                else if (notification.Characteristic == GattUuids.RecordAccessControlPoint)
                {
                    RacpValue response;
                    if (RacpDecoder.TryDecode(value, 0, value.Length, out response, out failure) && response.Opcode == RacpOpcode.ResponseCode)
                    {
                        SessionResult committed = CommitWaiting();
                        code = response.ResponseCode;
                        if (committed != SessionResult.Completed)
                        {
                            return committed;
                        }

                        // Anything but success or "no records", a reserved code included, ends the procedure as the
                        // meter's error: the records it did send are committed, the rest are asked for next time.
                        return code == RacpResponseCode.Success || code == RacpResponseCode.NoRecordsFound
                            ? SessionResult.Completed
                            : SessionResult.DeviceError;
                    }
                }
            }
        }

        private SessionResult FinishWithout(SessionResult result)
        {
            SessionResult committed = CommitWaiting();
            return committed == SessionResult.Completed ? result : committed;
        }

        private SessionResult Abort(SessionResult result)
        {
            // Stop the meter streaming records the outbox cannot take; they stay on the meter for next time.
            connection.Write(GattUuids.GlucoseService, GattUuids.RecordAccessControlPoint, RacpEncoder.Abort());
            return result;
        }

        private SessionResult CommitWaiting()
        {
            return CommitWaiting(null);
        }

        private SessionResult CommitWaiting(GlucoseContext context)
        {
            GlucoseMeasurement measurement = waitingForContext;
            if (measurement == null)
            {
                return SessionResult.Completed;
            }

            waitingForContext = null;
            DeviceReading reading = DeviceReading.Of(device, addressType);
            reading.Measurement = measurement;
            reading.Context = context;
            reading.DeviceSequence = measurement.Sequence;
            reading.DeviceTime = measurement.TimeInvalid ? null : measurement.Time;
            reading.DeviceTimeInvalid = measurement.TimeInvalid;
            reading.ReceivedAt = clock.UtcNow;
            reading.ClockSynchronised = clock.IsSynchronised;
            reading.KeptOnDevice = true;
            OutboxAppendResult appended = sink.Commit(reading);
            if (appended == OutboxAppendResult.FullKeptOnDevice)
            {
                return SessionResult.OutboxFull;
            }

            // A dead-lettered record is past too: fetched again, it would only be dead-lettered again.
            if (appended != OutboxAppendResult.DeadLettered)
            {
                Committed++;
            }

            if (measurement.Sequence > progress.LastSequence(device.Slot) || progress.LastSequence(device.Slot) == DeviceProgress.None)
            {
                progress.Set(device.Slot, measurement.Sequence);
            }

            return SessionResult.Completed;
        }
    }
}
