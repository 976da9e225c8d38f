using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.PulseOximetry
{
    /// <summary>Decodes and encodes PLX Continuous Measurement 0x2A5F.</summary>
    public static class PlxContinuousCodec
    {
        // Cached: converting the method group on every call would allocate a delegate per decoded record.
        private static readonly FlaggedSize SizeOfRecord = SizeFor;

        private const int FastPresent = 1 << 0;
        private const int SlowPresent = 1 << 1;
        private const int MeasurementStatusPresent = 1 << 2;
        private const int DeviceSensorStatusPresent = 1 << 3;
        private const int PulseAmplitudeIndexPresent = 1 << 4;

        /// <summary>Decodes a measurement; the flags' promised length is checked before any field is read.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out PlxContinuous measurement, out DecodeFailure failure)
        {
            measurement = null;
            var reader = new GattReader(buffer, offset, count);
            int flags;
            if (!reader.TryReadFlags(SizeOfRecord, out flags, out failure))
            {
                return false;
            }

            var result = new PlxContinuous();
            result.SpO2 = reader.ReadSFloat();
            result.PulseRate = reader.ReadSFloat();
            if ((flags & FastPresent) != 0)
            {
                result.HasFast = true;
                result.FastSpO2 = reader.ReadSFloat();
                result.FastPulseRate = reader.ReadSFloat();
            }

            if ((flags & SlowPresent) != 0)
            {
                result.HasSlow = true;
                result.SlowSpO2 = reader.ReadSFloat();
                result.SlowPulseRate = reader.ReadSFloat();
            }

            PlxStatusFields.Read(ref reader, result, (flags & MeasurementStatusPresent) != 0, (flags & DeviceSensorStatusPresent) != 0, (flags & PulseAmplitudeIndexPresent) != 0);
            measurement = result;
            return true;
        }

        /// <summary>The measurement's bytes, flags set from what it has.</summary>
        public static byte[] Encode(PlxContinuous m)
        {
            int flags = (m.HasFast ? FastPresent : 0) | (m.HasSlow ? SlowPresent : 0) | (m.HasMeasurementStatus ? MeasurementStatusPresent : 0)
                | (m.HasDeviceSensorStatus ? DeviceSensorStatusPresent : 0) | (m.HasPulseAmplitudeIndex ? PulseAmplitudeIndexPresent : 0);
            var writer = new GattWriter(SizeFor(flags));
            writer.WriteUInt8(flags);
            writer.WriteSFloat(m.SpO2);
            writer.WriteSFloat(m.PulseRate);
            if (m.HasFast)
            {
                writer.WriteSFloat(m.FastSpO2);
                writer.WriteSFloat(m.FastPulseRate);
            }

            if (m.HasSlow)
            {
                writer.WriteSFloat(m.SlowSpO2);
                writer.WriteSFloat(m.SlowPulseRate);
            }

            PlxStatusFields.Write(writer, m);
            return writer.ToArray();
        }

        private static int SizeFor(int flags)
        {
            return 5 + ((flags & FastPresent) != 0 ? 4 : 0) + ((flags & SlowPresent) != 0 ? 4 : 0)
                + PlxStatusFields.Size((flags & MeasurementStatusPresent) != 0, (flags & DeviceSensorStatusPresent) != 0, (flags & PulseAmplitudeIndexPresent) != 0);
        }
    }
}
