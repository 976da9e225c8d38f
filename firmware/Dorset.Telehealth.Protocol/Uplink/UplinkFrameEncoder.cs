using System;
using Dorset.Telehealth.Protocol.Checksums;

namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>Encodes an <see cref="UplinkFrame"/> byte by byte as firmware/PROTOCOL.md specifies.</summary>
    public static class UplinkFrameEncoder
    {
        /// <summary>The frame's bytes, CRC-32 included.</summary>
        /// <exception cref="ArgumentException">The frame breaks a rule of the layout (count, slot, kind, values).</exception>
        public static byte[] Encode(UplinkFrame frame)
        {
            UplinkReading[] readings = frame.Readings;
            if (readings == null || readings.Length == 0 || readings.Length > UplinkFrame.MaxReadings)
            {
                throw new ArgumentException("a frame carries 1.." + UplinkFrame.MaxReadings + " readings");
            }

            var writer = new FrameWriter();
            writer.WriteByte(UplinkFrame.CurrentVersion);
            writer.WriteVarint(frame.FirstSequence);
            writer.WriteVarint((ulong)readings.Length);
            long baseSeconds = ClampToUInt32(FrameLayout.Seconds(readings[0].ReceivedAt));
            writer.WriteUInt32((uint)baseSeconds);
            for (int i = 0; i < readings.Length; i++)
            {
                WriteReading(writer, readings[i], baseSeconds);
            }

            byte[] body = writer.ToArray();
            writer.WriteUInt32(Crc32.Compute(body, 0, body.Length));
            return writer.ToArray();
        }

        private static void WriteReading(FrameWriter writer, UplinkReading r, long baseSeconds)
        {
            int valueCount = FrameLayout.ValueCount(r.Kind);
            bool hasExtra = (r.Kind == ReadingKind.BloodPressure && r.Values != null && r.Values.Length == valueCount + 1)
                || (r.Kind == ReadingKind.Weight && r.HasUserId);
            if ((int)r.Kind < 1 || (int)r.Kind > 4 || r.Slot < 0 || r.Slot > 15)
            {
                throw new ArgumentException("kind 1..4 and slot 0..15");
            }

            if (r.Values == null || r.Values.Length != valueCount + (hasExtra && r.Kind == ReadingKind.BloodPressure ? 1 : 0))
            {
                throw new ArgumentException("a " + r.Kind + " reading has " + valueCount + " values");
            }

            bool hasDeviceTime = r.DeviceTime != null && r.DeviceTime.IsKnown;
            int flags = (r.DeviceSequence != UplinkReading.NoSequence ? FrameLayout.HasDeviceSequence : 0)
                | (hasDeviceTime ? FrameLayout.HasDeviceTime : 0)
                | (r.ClockSynchronised ? FrameLayout.ClockSynchronised : 0)
                | (r.AlternateUnit ? FrameLayout.AlternateUnit : 0)
                | (r.HasStatus ? FrameLayout.HasStatus : 0)
                | (hasExtra ? FrameLayout.HasExtra : 0);
            writer.WriteByte(((int)r.Kind << 4) | r.Slot);
            writer.WriteByte(flags);
            long receivedSeconds = ClampToUInt32(FrameLayout.Seconds(r.ReceivedAt));
            writer.WriteSignedVarint(receivedSeconds - baseSeconds);
            if (r.DeviceSequence != UplinkReading.NoSequence)
            {
                writer.WriteVarint((ulong)r.DeviceSequence);
            }

            if (hasDeviceTime)
            {
                writer.WriteSignedVarint(FrameLayout.Seconds(r.DeviceTime.ToDateTime()) - receivedSeconds);
            }

            for (int i = 0; i < valueCount; i++)
            {
                writer.WriteValue(r.Values[i]);
            }

            if (r.Kind == ReadingKind.Glucose)
            {
                writer.WriteByte((r.GlucoseType & 0x0F) | ((r.GlucoseLocation & 0x0F) << 4));
            }

            if (r.HasStatus)
            {
                writer.WriteVarint((ulong)r.Status);
                if (r.Kind == ReadingKind.PulseOximetry)
                {
                    writer.WriteVarint((ulong)r.DeviceStatus);
                }
            }

            if (hasExtra)
            {
                if (r.Kind == ReadingKind.BloodPressure)
                {
                    writer.WriteValue(r.Values[valueCount]);
                }
                else
                {
                    writer.WriteByte(r.UserId);
                }
            }
        }

        private static long ClampToUInt32(long seconds)
        {
            return seconds < 0 ? 0 : seconds > 0xFFFFFFFFL ? 0xFFFFFFFFL : seconds;
        }
    }
}
