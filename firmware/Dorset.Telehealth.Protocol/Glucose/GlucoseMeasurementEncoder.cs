using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Glucose
{
    /// <summary>Encodes Glucose Measurement 0x2A18; the inverse of <see cref="GlucoseMeasurementDecoder"/>.</summary>
    public static class GlucoseMeasurementEncoder
    {
        /// <summary>The record's bytes, flags set from what <paramref name="measurement"/> has.</summary>
        public static byte[] Encode(GlucoseMeasurement measurement)
        {
            int flags = 0;
            if (measurement.HasTimeOffset)
            {
                flags |= GlucoseMeasurementDecoder.TimeOffsetPresent;
            }

            if (measurement.HasConcentration)
            {
                flags |= GlucoseMeasurementDecoder.ConcentrationPresent;
                if (measurement.Unit == GlucoseConcentrationUnit.MolesPerLitre)
                {
                    flags |= GlucoseMeasurementDecoder.UnitMolesPerLitre;
                }
            }

            if (measurement.HasSensorStatus)
            {
                flags |= GlucoseMeasurementDecoder.SensorStatusPresent;
            }

            if (measurement.ContextFollows)
            {
                flags |= GlucoseMeasurementDecoder.ContextFollows;
            }

            var writer = new GattWriter(GlucoseMeasurementDecoder.SizeFor(flags));
            writer.WriteUInt8(flags);
            writer.WriteUInt16(measurement.Sequence);
            measurement.BaseTime.Write(writer);
            if (measurement.HasTimeOffset)
            {
                writer.WriteUInt16(measurement.TimeOffsetMinutes & 0xFFFF);
            }

            if (measurement.HasConcentration)
            {
                writer.WriteSFloat(measurement.Concentration);
                writer.WriteUInt8((measurement.Type & 0x0F) | ((measurement.Location & 0x0F) << 4));
            }

            if (measurement.HasSensorStatus)
            {
                writer.WriteUInt16(measurement.SensorStatus);
            }

            return writer.ToArray();
        }
    }
}
