using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Time
{
    /// <summary>Decodes the Date Time characteristic 0x2A08 (GATT Specification Supplement 3.70; 7 bytes).</summary>
    public static class DateTimeDecoder
    {
        /// <summary>Decodes a Date Time value. Bytes after the seventh are ignored (later versions may append).</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out DeviceTime time, out DecodeFailure failure)
        {
            var reader = new GattReader(buffer, offset, count);
            time = null;
            if (!reader.Require(DeviceTime.Size, "date-time", out failure))
            {
                return false;
            }

            return DeviceTime.TryRead(ref reader, "time", out time, out failure);
        }
    }
}
