using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Time
{
    /// <summary>Encodes the Date Time characteristic 0x2A08 (GATT Specification Supplement 3.70).</summary>
    public static class DateTimeEncoder
    {
        /// <summary>The 7-byte value.</summary>
        public static byte[] Encode(DeviceTime time)
        {
            var writer = new GattWriter(DeviceTime.Size);
            time.Write(writer);
            return writer.ToArray();
        }
    }
}
