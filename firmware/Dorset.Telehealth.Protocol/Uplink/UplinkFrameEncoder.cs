using System;
using Dorset.Telehealth.Protocol.Checksums;

namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>Encodes an <see cref="UplinkFrame"/> byte by byte as firmware/PROTOCOL.md specifies, in its version.</summary>
    public static class UplinkFrameEncoder
    {
        /// <summary>The frame's bytes, CRC-32 included.</summary>
        /// <exception cref="ArgumentException">
        /// The frame breaks a rule of the layout (version, count, slot, kind, values, a v2 reading without its device's
        /// address, a v1 reading with glucose context).
        /// </exception>
        public static byte[] Encode(UplinkFrame frame)
        {
            UplinkReading[] readings = frame.Readings;
            if (readings == null || readings.Length == 0 || readings.Length > UplinkFrame.MaxReadings)
            {
                throw new ArgumentException("a frame carries 1.." + UplinkFrame.MaxReadings + " readings");
            }

            if (frame.Version != UplinkFrame.CurrentVersion && frame.Version != UplinkFrame.FirstVersion)
            {
                throw new ArgumentException("version " + frame.Version + " is not one this encoder writes");
            }

            bool v2 = frame.Version == UplinkFrame.CurrentVersion;
            var writer = new FrameWriter();
            writer.WriteByte(frame.Version);
            writer.WriteVarint(frame.FirstSequence);
            writer.WriteVarint((ulong)readings.Length);
            long baseSeconds = ClampToUInt32(FrameLayout.Seconds(readings[0].ReceivedAt));
            writer.WriteUInt32((uint)baseSeconds);
            var devices = new int[readings.Length];
            if (v2)
            {
                var table = new FrameDeviceTable();
                for (int i = 0; i < readings.Length; i++)
                {
                    devices[i] = table.IndexOf(readings[i]);
                }

                table.Write(writer);
            }

            for (int i = 0; i < readings.Length; i++)
            {
                WriteReading(writer, readings[i], baseSeconds, v2, v2 ? devices[i] : readings[i].Slot);
            }

            byte[] body = writer.ToArray();
            writer.WriteUInt32(Crc32.Compute(body, 0, body.Length));
            return writer.ToArray();
        }

        private static void WriteReading(FrameWriter writer, UplinkReading r, long baseSeconds, bool v2, int device)
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

            // What the decoder refuses, the encoder refuses too: a reading stored on the unit always decodes again.
            if (r.DeviceSequence < UplinkReading.NoSequence || r.DeviceSequence > 0xFFFF || (r.HasStatus && (r.Status < 0 || r.Status > 0xFFFF))
                || (r.HasStatus && r.Kind == ReadingKind.PulseOximetry && (r.DeviceStatus < 0 || r.DeviceStatus > 0xFFFFFF))
                || (r.Kind == ReadingKind.Weight && r.HasUserId && (r.UserId < 0 || r.UserId > 0xFF)))
            {
                throw new ArgumentException("device sequence 0..65535, status 16 bits, device status 24 bits, user 0..255");
            }

            bool hasContext = r.Context != null;
            if (hasContext && (!v2 || r.Kind != ReadingKind.Glucose))
            {
                throw new ArgumentException("glucose context travels only on glucose readings of a v2 frame");
            }

            bool hasDeviceTime = r.DeviceTime != null && r.DeviceTime.IsKnown;
            if (r.DeviceTimeInvalid && (!v2 || hasDeviceTime))
            {
                throw new ArgumentException("an invalid device time is marked only in a v2 frame, and only on a reading without a device time");
            }

            int flags = (r.DeviceSequence != UplinkReading.NoSequence ? FrameLayout.HasDeviceSequence : 0)
                | (hasDeviceTime ? FrameLayout.HasDeviceTime : 0)
                | (r.ClockSynchronised ? FrameLayout.ClockSynchronised : 0)
                | (r.AlternateUnit ? FrameLayout.AlternateUnit : 0)
                | (r.HasStatus ? FrameLayout.HasStatus : 0)
                | (hasExtra ? FrameLayout.HasExtra : 0)
                | (hasContext ? FrameLayout.HasGlucoseContext : 0)
                | (r.DeviceTimeInvalid ? FrameLayout.DeviceTimeInvalid : 0);
            writer.WriteByte(((int)r.Kind << 4) | device);
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

            if (hasContext)
            {
                FrameGlucoseContext.Write(writer, r.Context);
            }
        }

        private static long ClampToUInt32(long seconds)
        {
            return seconds < 0 ? 0 : seconds > 0xFFFFFFFFL ? 0xFFFFFFFFL : seconds;
        }
    }
}
