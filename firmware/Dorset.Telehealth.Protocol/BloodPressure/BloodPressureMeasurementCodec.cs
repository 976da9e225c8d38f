using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.BloodPressure
{
    /// <summary>Decodes and encodes Blood Pressure Measurement 0x2A35 and Intermediate Cuff Pressure 0x2A36.</summary>
    public static class BloodPressureMeasurementCodec
    {
        // Cached: converting the method group on every call would allocate a delegate per decoded record.
        private static readonly FlaggedSize SizeOfRecord = SizeFor;

        private const int UnitKilopascals = 1 << 0;
        private const int TimestampPresent = 1 << 1;
        private const int PulseRatePresent = 1 << 2;
        private const int UserIdPresent = 1 << 3;
        private const int MeasurementStatusPresent = 1 << 4;

        /// <summary>Decodes a measurement; the flags' promised length is checked before any field is read.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out BloodPressureMeasurement measurement, out DecodeFailure failure)
        {
            measurement = null;
            var reader = new GattReader(buffer, offset, count);
            int flags;
            if (!reader.TryReadFlags(SizeOfRecord, out flags, out failure))
            {
                return false;
            }

            var result = new BloodPressureMeasurement();
            result.Kilopascals = (flags & UnitKilopascals) != 0;
            result.Systolic = reader.ReadSFloat();
            result.Diastolic = reader.ReadSFloat();
            result.MeanArterialPressure = reader.ReadSFloat();
            if ((flags & TimestampPresent) != 0)
            {
                bool invalid;
                result.HasTimestamp = true;
                result.Timestamp = DeviceTime.ReadTimestamp(ref reader, out invalid);
                result.TimestampInvalid = invalid;
            }

            if ((flags & PulseRatePresent) != 0)
            {
                result.HasPulseRate = true;
                result.PulseRate = reader.ReadSFloat();
            }

            if ((flags & UserIdPresent) != 0)
            {
                result.HasUserId = true;
                result.UserId = reader.ReadUInt8();
            }

            if ((flags & MeasurementStatusPresent) != 0)
            {
                result.HasMeasurementStatus = true;
                result.MeasurementStatus = reader.ReadUInt16();
            }

            measurement = result;
            return true;
        }

        /// <summary>The measurement's bytes, flags set from what it has.</summary>
        public static byte[] Encode(BloodPressureMeasurement m)
        {
            int flags = (m.Kilopascals ? UnitKilopascals : 0) | (m.HasTimestamp ? TimestampPresent : 0) | (m.HasPulseRate ? PulseRatePresent : 0)
                | (m.HasUserId ? UserIdPresent : 0) | (m.HasMeasurementStatus ? MeasurementStatusPresent : 0);
            var writer = new GattWriter(SizeFor(flags));
            writer.WriteUInt8(flags);
            writer.WriteSFloat(m.Systolic);
            writer.WriteSFloat(m.Diastolic);
            writer.WriteSFloat(m.MeanArterialPressure);
            if (m.HasTimestamp)
            {
                m.Timestamp.Write(writer);
            }

            if (m.HasPulseRate)
            {
                writer.WriteSFloat(m.PulseRate);
            }

            if (m.HasUserId)
            {
                writer.WriteUInt8(m.UserId);
            }

            if (m.HasMeasurementStatus)
            {
                writer.WriteUInt16(m.MeasurementStatus);
            }

            return writer.ToArray();
        }

        private static int SizeFor(int flags)
        {
            return 7 + ((flags & TimestampPresent) != 0 ? DeviceTime.Size : 0) + ((flags & PulseRatePresent) != 0 ? 2 : 0)
                + ((flags & UserIdPresent) != 0 ? 1 : 0) + ((flags & MeasurementStatusPresent) != 0 ? 2 : 0);
        }
    }
}
