using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.PulseOximetry
{
    /// <summary>Reads and writes the optional status tail both PLX measurements end with, in spec order.</summary>
    internal static class PlxStatusFields
    {
        internal static int Size(bool measurementStatus, bool deviceSensorStatus, bool pulseAmplitudeIndex)
        {
            return (measurementStatus ? 2 : 0) + (deviceSensorStatus ? 3 : 0) + (pulseAmplitudeIndex ? 2 : 0);
        }

        internal static void Read(ref GattReader reader, PlxMeasurement m, bool measurementStatus, bool deviceSensorStatus, bool pulseAmplitudeIndex)
        {
            if (measurementStatus)
            {
                m.HasMeasurementStatus = true;
                m.MeasurementStatus = reader.ReadUInt16();
            }

            if (deviceSensorStatus)
            {
                m.HasDeviceSensorStatus = true;
                m.DeviceSensorStatus = reader.ReadUInt24();
            }

            if (pulseAmplitudeIndex)
            {
                m.HasPulseAmplitudeIndex = true;
                m.PulseAmplitudeIndex = reader.ReadSFloat();
            }
        }

        internal static void Write(GattWriter writer, PlxMeasurement m)
        {
            if (m.HasMeasurementStatus)
            {
                writer.WriteUInt16(m.MeasurementStatus);
            }

            if (m.HasDeviceSensorStatus)
            {
                writer.WriteUInt24(m.DeviceSensorStatus);
            }

            if (m.HasPulseAmplitudeIndex)
            {
                writer.WriteSFloat(m.PulseAmplitudeIndex);
            }
        }
    }
}
