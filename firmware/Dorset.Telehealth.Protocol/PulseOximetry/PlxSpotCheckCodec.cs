using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.PulseOximetry
{
    /// <summary>Decodes and encodes PLX Spot-check Measurement 0x2A5E.</summary>
    public static class PlxSpotCheckCodec
    {
        // Cached: converting the method group on every call would allocate a delegate per decoded record.
        private static readonly FlaggedSize SizeOfRecord = SizeFor;

        private const int TimestampPresent = 1 << 0;
        private const int MeasurementStatusPresent = 1 << 1;
        private const int DeviceSensorStatusPresent = 1 << 2;
        private const int PulseAmplitudeIndexPresent = 1 << 3;
        private const int DeviceClockNotSet = 1 << 4;

        /// <summary>Decodes a measurement; the flags' promised length is checked before any field is read.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out PlxSpotCheck measurement, out DecodeFailure failure)
        {
            measurement = null;
            var reader = new GattReader(buffer, offset, count);
            int flags;
            if (!reader.TryReadFlags(SizeOfRecord, out flags, out failure))
            {
                return false;
            }

            var result = new PlxSpotCheck();
            result.SpO2 = reader.ReadSFloat();
            result.PulseRate = reader.ReadSFloat();
            if ((flags & TimestampPresent) != 0)
            {
                bool invalid;
                result.HasTimestamp = true;
                result.Timestamp = DeviceTime.ReadTimestamp(ref reader, out invalid);
                result.TimestampInvalid = invalid;
            }

            PlxStatusFields.Read(ref reader, result, (flags & MeasurementStatusPresent) != 0, (flags & DeviceSensorStatusPresent) != 0, (flags & PulseAmplitudeIndexPresent) != 0);
            result.DeviceClockNotSet = (flags & DeviceClockNotSet) != 0;
            measurement = result;
            return true;
        }

        /// <summary>The measurement's bytes, flags set from what it has.</summary>
        public static byte[] Encode(PlxSpotCheck m)
        {
            int flags = (m.HasTimestamp ? TimestampPresent : 0) | (m.HasMeasurementStatus ? MeasurementStatusPresent : 0)
                | (m.HasDeviceSensorStatus ? DeviceSensorStatusPresent : 0) | (m.HasPulseAmplitudeIndex ? PulseAmplitudeIndexPresent : 0)
                | (m.DeviceClockNotSet ? DeviceClockNotSet : 0);
            var writer = new GattWriter(SizeFor(flags));
            writer.WriteUInt8(flags);
            writer.WriteSFloat(m.SpO2);
            writer.WriteSFloat(m.PulseRate);
            if (m.HasTimestamp)
            {
                m.Timestamp.Write(writer);
            }

            PlxStatusFields.Write(writer, m);
            return writer.ToArray();
        }

        private static int SizeFor(int flags)
        {
            return 5 + ((flags & TimestampPresent) != 0 ? DeviceTime.Size : 0)
                + PlxStatusFields.Size((flags & MeasurementStatusPresent) != 0, (flags & DeviceSensorStatusPresent) != 0, (flags & PulseAmplitudeIndexPresent) != 0);
        }
    }
}
