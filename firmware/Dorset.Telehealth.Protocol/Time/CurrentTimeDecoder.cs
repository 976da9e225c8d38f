using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Time
{
    /// <summary>Decodes Current Time 0x2A2B (Current Time Service 1.1, 3.1; 10 bytes).</summary>
    public static class CurrentTimeDecoder
    {
        /// <summary>Decodes a Current Time value. Bytes after the tenth are ignored.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out CurrentTime value, out DecodeFailure failure)
        {
            var reader = new GattReader(buffer, offset, count);
            value = null;
            if (!reader.Require(CurrentTime.Size, "current-time", out failure))
            {
                return false;
            }

            DeviceTime time;
            if (!DeviceTime.TryRead(ref reader, "time", out time, out failure))
            {
                return false;
            }

            int dayOfWeek = reader.ReadUInt8();
            if (dayOfWeek > 7)
            {
                failure = DecodeFailure.OutOfRange("dayOfWeek", dayOfWeek, "0 unknown, 1 Monday..7 Sunday");
                return false;
            }

            int fractions256 = reader.ReadUInt8();
            var adjustReason = (CurrentTimeAdjustReason)reader.ReadUInt8();
            value = new CurrentTime(time, dayOfWeek, fractions256, adjustReason);
            return true;
        }
    }
}
