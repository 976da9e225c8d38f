using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.Glucose
{
    /// <summary>
    /// Decodes Glucose Measurement 0x2A18 (GLS 1.0, 3.106). A base time that is no valid time keeps the record, marked
    /// (<see cref="GlucoseMeasurement.BaseTimeInvalid"/>).
    /// </summary>
    public static class GlucoseMeasurementDecoder
    {
        // Cached: converting the method group on every call would allocate a delegate per decoded record.
        private static readonly FlaggedSize SizeOfRecord = SizeFor;

        internal const int TimeOffsetPresent = 1 << 0;
        internal const int ConcentrationPresent = 1 << 1;
        internal const int UnitMolesPerLitre = 1 << 2;
        internal const int SensorStatusPresent = 1 << 3;
        internal const int ContextFollows = 1 << 4;

        /// <summary>Flags, sequence number and base time: the fields every record has.</summary>
        internal const int MinimumSize = 1 + 2 + DeviceTime.Size;

        /// <summary>
        /// Decodes a record. The length the flags promise is checked first, so a short record fails as
        /// "flags need N bytes, got M" rather than part way through.
        /// </summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out GlucoseMeasurement measurement, out DecodeFailure failure)
        {
            measurement = null;
            var reader = new GattReader(buffer, offset, count);
            int flags;
            if (!reader.TryReadFlags(SizeOfRecord, out flags, out failure))
            {
                return false;
            }

            var result = new GlucoseMeasurement();
            result.Sequence = reader.ReadUInt16();
            bool invalid;
            result.BaseTime = DeviceTime.ReadTimestamp(ref reader, out invalid);
            result.BaseTimeInvalid = invalid;
            if ((flags & TimeOffsetPresent) != 0)
            {
                result.HasTimeOffset = true;
                result.TimeOffsetMinutes = reader.ReadInt16();
            }

            if ((flags & ConcentrationPresent) != 0)
            {
                result.HasConcentration = true;
                result.Concentration = reader.ReadSFloat();
                result.Unit = (flags & UnitMolesPerLitre) != 0 ? GlucoseConcentrationUnit.MolesPerLitre : GlucoseConcentrationUnit.KilogramsPerLitre;
                int typeAndLocation = reader.ReadUInt8();
                result.Type = typeAndLocation & 0x0F;
                result.Location = typeAndLocation >> 4;
            }

            if ((flags & SensorStatusPresent) != 0)
            {
                result.HasSensorStatus = true;
                result.SensorStatus = reader.ReadUInt16();
            }

            result.ContextFollows = (flags & ContextFollows) != 0;
            measurement = result;
            return true;
        }

        /// <summary>The bytes a record with these flags occupies.</summary>
        internal static int SizeFor(int flags)
        {
            int size = MinimumSize;
            if ((flags & TimeOffsetPresent) != 0)
            {
                size += 2;
            }

            if ((flags & ConcentrationPresent) != 0)
            {
                size += 3;
            }

            if ((flags & SensorStatusPresent) != 0)
            {
                size += 2;
            }

            return size;
        }
    }
}
