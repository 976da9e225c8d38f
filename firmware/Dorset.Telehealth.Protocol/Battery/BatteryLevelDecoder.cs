using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Battery
{
    /// <summary>Decodes Battery Level 0x2A19 (Battery Service 1.1, 3.1): one byte, 0..100 percent.</summary>
    public static class BatteryLevelDecoder
    {
        private const int MaxPercent = 100;

        /// <summary>
        /// Decodes a battery level: its one byte. Bytes after it are ignored, as after every characteristic's defined
        /// fields (firmware/README.md "Trailing bytes"): a longer value is a later version's extension, not an error.
        /// </summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out int percent, out DecodeFailure failure)
        {
            var reader = new GattReader(buffer, offset, count);
            percent = 0;
            if (!reader.Require(1, "level", out failure))
            {
                return false;
            }

            int level = reader.ReadUInt8();
            if (level > MaxPercent)
            {
                failure = DecodeFailure.OutOfRange("level", level, "0..100 %");
                return false;
            }

            percent = level;
            return true;
        }
    }
}
