using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Weight
{
    /// <summary>
    /// Weight Scale Feature 0x2A9E (WSS 1.0, 3.1): a 32-bit field. The resolutions are informative only; a measurement's
    /// own scaling is fixed (0.005 kg / 0.01 lb).
    /// </summary>
    public static class WeightScaleFeature
    {
        /// <summary>Names of bits 0..2.</summary>
        public static readonly string[] Names = { "timeStampSupported", "multipleUsersSupported", "bmiSupported" };

        /// <summary>Weight resolution code, bits 3..6 (0 not specified, 1 = 0.5 kg ... 7 = 0.005 kg).</summary>
        public static int WeightResolution(uint features)
        {
            return (int)((features >> 3) & 0x0F);
        }

        /// <summary>Height resolution code, bits 7..9 (0 not specified, 1 = 0.01 m, 2 = 0.005 m, 3 = 0.001 m).</summary>
        public static int HeightResolution(uint features)
        {
            return (int)((features >> 7) & 0x07);
        }

        /// <summary>Decodes the 32-bit field.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out uint features, out DecodeFailure failure)
        {
            features = 0;
            var reader = new GattReader(buffer, offset, count);
            if (!reader.Require(4, "features", out failure))
            {
                return false;
            }

            features = reader.ReadUInt32();
            return true;
        }

        /// <summary>The four-byte value.</summary>
        public static byte[] Encode(uint features)
        {
            var writer = new GattWriter(4);
            writer.WriteUInt32(features);
            return writer.ToArray();
        }
    }
}
