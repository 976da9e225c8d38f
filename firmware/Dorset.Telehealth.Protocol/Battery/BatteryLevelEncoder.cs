using System;
using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Battery
{
    /// <summary>Encodes Battery Level 0x2A19.</summary>
    public static class BatteryLevelEncoder
    {
        /// <summary>The one-byte value.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is outside 0..100.</exception>
        public static byte[] Encode(int percent)
        {
            if (percent < 0 || percent > 100)
            {
                throw new ArgumentOutOfRangeException("percent", "battery level is 0..100 %");
            }

            var writer = new GattWriter(1);
            writer.WriteUInt8(percent);
            return writer.ToArray();
        }
    }
}
