using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.Weight
{
    /// <summary>Decodes and encodes Weight Measurement 0x2A9D (WSS 1.0, 3.2).</summary>
    public static class WeightMeasurementCodec
    {
        // Cached: converting the method group on every call would allocate a delegate per decoded record.
        private static readonly FlaggedSize SizeOfRecord = SizeFor;

        private const int ImperialUnits = 1 << 0;
        private const int TimestampPresent = 1 << 1;
        private const int UserIdPresent = 1 << 2;
        private const int BmiAndHeightPresent = 1 << 3;

        /// <summary>Decodes a measurement; the flags' promised length is checked before any field is read.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out WeightMeasurement measurement, out DecodeFailure failure)
        {
            measurement = null;
            var reader = new GattReader(buffer, offset, count);
            int flags;
            if (!reader.TryReadFlags(SizeOfRecord, out flags, out failure))
            {
                return false;
            }

            var result = new WeightMeasurement();
            result.Imperial = (flags & ImperialUnits) != 0;
            result.RawWeight = reader.ReadUInt16();
            if ((flags & TimestampPresent) != 0)
            {
                bool invalid;
                result.HasTimestamp = true;
                result.Timestamp = DeviceTime.ReadTimestamp(ref reader, out invalid);
                result.TimestampInvalid = invalid;
            }

            if ((flags & UserIdPresent) != 0)
            {
                result.HasUserId = true;
                result.UserId = reader.ReadUInt8();
            }

            if ((flags & BmiAndHeightPresent) != 0)
            {
                result.HasBmiAndHeight = true;
                result.RawBmi = reader.ReadUInt16();
                result.RawHeight = reader.ReadUInt16();
            }

            measurement = result;
            return true;
        }

        /// <summary>The measurement's bytes, flags set from what it has.</summary>
        public static byte[] Encode(WeightMeasurement m)
        {
            int flags = (m.Imperial ? ImperialUnits : 0) | (m.HasTimestamp ? TimestampPresent : 0)
                | (m.HasUserId ? UserIdPresent : 0) | (m.HasBmiAndHeight ? BmiAndHeightPresent : 0);
            var writer = new GattWriter(SizeFor(flags));
            writer.WriteUInt8(flags);
            writer.WriteUInt16(m.RawWeight);
            if (m.HasTimestamp)
            {
                m.Timestamp.Write(writer);
            }

            if (m.HasUserId)
            {
                writer.WriteUInt8(m.UserId);
            }

            if (m.HasBmiAndHeight)
            {
                writer.WriteUInt16(m.RawBmi);
                writer.WriteUInt16(m.RawHeight);
            }

            return writer.ToArray();
        }

        private static int SizeFor(int flags)
        {
            return 3 + ((flags & TimestampPresent) != 0 ? DeviceTime.Size : 0) + ((flags & UserIdPresent) != 0 ? 1 : 0)
                + ((flags & BmiAndHeightPresent) != 0 ? 4 : 0);
        }
    }
}
