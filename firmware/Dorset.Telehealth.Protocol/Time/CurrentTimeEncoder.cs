using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Time
{
    /// <summary>Encodes Current Time 0x2A2B, as the home unit writes it to set a device clock.</summary>
    public static class CurrentTimeEncoder
    {
        /// <summary>The 10-byte value.</summary>
        public static byte[] Encode(CurrentTime value)
        {
            var writer = new GattWriter(CurrentTime.Size);
            value.Time.Write(writer);
            writer.WriteUInt8(value.DayOfWeek);
            writer.WriteUInt8(value.Fractions256);
            writer.WriteUInt8((int)value.AdjustReason);
            return writer.ToArray();
        }
    }
}
