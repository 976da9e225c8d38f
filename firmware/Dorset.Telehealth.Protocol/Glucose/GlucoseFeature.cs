using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Glucose
{
    /// <summary>Glucose Feature 0x2A51 (GLS 1.0, 3.105): a 16-bit field of what the meter supports.</summary>
    public static class GlucoseFeature
    {
        /// <summary>Bit 10: the meter supports bonds with several collectors.</summary>
        public const int MultipleBond = 1 << 10;

        /// <summary>Names of bits 0..10, for logs and JSON.</summary>
        public static readonly string[] Names =
        {
            "lowBatteryDetection", "sensorMalfunctionDetection", "sensorSampleSize", "sensorStripInsertionError",
            "sensorStripType", "sensorResultHighLow", "sensorTemperatureHighLow", "sensorReadInterrupt",
            "generalDeviceFault", "timeFault", "multipleBond",
        };

        /// <summary>Decodes the feature bits. Longer values are accepted (later spec versions append fields).</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out int features, out DecodeFailure failure)
        {
            features = 0;
            var reader = new GattReader(buffer, offset, count);
            if (!reader.Require(2, "features", out failure))
            {
                return false;
            }

            features = reader.ReadUInt16();
            return true;
        }

        /// <summary>The two-byte value.</summary>
        public static byte[] Encode(int features)
        {
            var writer = new GattWriter(2);
            writer.WriteUInt16(features);
            return writer.ToArray();
        }
    }
}
