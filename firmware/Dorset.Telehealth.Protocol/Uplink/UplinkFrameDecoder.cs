using System;
using Dorset.Telehealth.Protocol.Checksums;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>
    /// Decodes an uplink frame of version 1 or 2, trusting nothing: the version and the CRC are checked before anything
    /// else is read, every field is bounds-checked, and bytes left over between the last reading and the CRC are refused,
    /// as is a v2 device table entry that no reading names (so each frame has exactly one encoding).
    /// </summary>
    public static class UplinkFrameDecoder
    {
        private const int MinimumSize = 1 + 1 + 1 + 4 + FrameLayout.CrcSize;

        /// <summary>Decodes a frame, or fails naming the field and the reason.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out UplinkFrame frame, out DecodeFailure failure)
        {
            frame = null;
            if (count < MinimumSize)
            {
                failure = DecodeFailure.TooShort("frame", MinimumSize, count);
                return false;
            }

            int version = buffer[offset];
            if (version != UplinkFrame.CurrentVersion && version != UplinkFrame.FirstVersion)
            {
                failure = new DecodeFailure(DecodeStatus.UnsupportedVersion, "version", "version " + version + " is not supported (this decoder reads versions "
                    + UplinkFrame.FirstVersion + " and " + UplinkFrame.CurrentVersion + ")");
                return false;
            }

            int bodyLength = count - FrameLayout.CrcSize;
            uint expected = (uint)(buffer[offset + bodyLength] | (buffer[offset + bodyLength + 1] << 8) | (buffer[offset + bodyLength + 2] << 16) | (buffer[offset + bodyLength + 3] << 24));
            uint actual = Crc32.Compute(buffer, offset, bodyLength);
            if (expected != actual)
            {
                failure = new DecodeFailure(DecodeStatus.BadChecksum, "crc", "crc 0x" + expected.ToString("X8") + " does not match the frame (0x" + actual.ToString("X8") + ")");
                return false;
            }

            var reader = new FrameReader(buffer, offset + 1, offset + bodyLength);
            ulong firstSequence;
            ulong readingCount;
            uint baseSeconds;
            if (!reader.TryReadVarint("firstSequence", out firstSequence, out failure)
                || !reader.TryReadVarint("count", out readingCount, out failure)
                || !reader.TryReadUInt32("baseTime", out baseSeconds, out failure))
            {
                return false;
            }

            if (firstSequence > 0xFFFFFFFF)
            {
                failure = new DecodeFailure(DecodeStatus.OutOfRange, "firstSequence", "firstSequence does not fit 32 bits");
                return false;
            }

            if (readingCount == 0 || readingCount > UplinkFrame.MaxReadings)
            {
                failure = DecodeFailure.OutOfRange("count", (int)(readingCount > int.MaxValue ? int.MaxValue : readingCount), "1.." + UplinkFrame.MaxReadings);
                return false;
            }

            FrameDeviceTable devices = null;
            if (version == UplinkFrame.CurrentVersion && !FrameDeviceTable.TryRead(reader, out devices, out failure))
            {
                return false;
            }

            var readings = new UplinkReading[(int)readingCount];
            for (int i = 0; i < readings.Length; i++)
            {
                if (!TryReadReading(reader, "readings[" + i + "]", baseSeconds, devices, out readings[i], out failure))
                {
                    return false;
                }
            }

            int unused = devices == null ? -1 : devices.FirstUnused();
            if (unused >= 0)
            {
                failure = new DecodeFailure(DecodeStatus.Inconsistent, "devices[" + unused + "]", "devices[" + unused + "] is named by no reading");
                return false;
            }

            if (reader.Remaining != 0)
            {
                failure = new DecodeFailure(DecodeStatus.Inconsistent, "frame", "frame has " + reader.Remaining + " bytes after its last reading");
                return false;
            }

            var result = new UplinkFrame();
            result.Version = version;
            result.FirstSequence = (uint)firstSequence;
            result.Readings = readings;
            frame = result;
            return true;
        }

        /// <summary>Reads one reading; <paramref name="devices"/> is the v2 device table, null in a v1 frame.</summary>
        private static bool TryReadReading(FrameReader reader, string field, long baseSeconds, FrameDeviceTable devices, out UplinkReading reading, out DecodeFailure failure)
        {
            reading = null;
            int kindAndSlot;
            int flags;
            long receivedDelta;
            if (!reader.TryReadByte(field + ".kind", out kindAndSlot, out failure)
                || !reader.TryReadByte(field + ".flags", out flags, out failure)
                || !reader.TryReadSignedVarint(field + ".receivedAt", out receivedDelta, out failure))
            {
                return false;
            }

            int kind = kindAndSlot >> 4;
            if (kind < 1 || kind > 4)
            {
                failure = DecodeFailure.UnknownCode(field + ".kind", kind);
                return false;
            }

            if (devices == null && (flags & FrameLayout.ReservedFlagsV1) != 0)
            {
                failure = new DecodeFailure(DecodeStatus.OutOfRange, field + ".flags", field + ".flags reserved bits 6-7 are set (0x" + flags.ToString("X2") + ")");
                return false;
            }

            if ((flags & FrameLayout.DeviceTimeInvalid) != 0 && (flags & FrameLayout.HasDeviceTime) != 0)
            {
                failure = new DecodeFailure(DecodeStatus.Inconsistent, field + ".flags", field + ".flags marks the device time invalid and carries one");
                return false;
            }

            bool hasContext = (flags & FrameLayout.HasGlucoseContext) != 0;
            if (hasContext && kind != (int)ReadingKind.Glucose)
            {
                failure = new DecodeFailure(DecodeStatus.Inconsistent, field + ".flags", field + ".flags has the glucose context bit on a " + ReadingValueNames.KindName((ReadingKind)kind) + " reading");
                return false;
            }

            long receivedSeconds = baseSeconds + receivedDelta;
            if (receivedSeconds < 0 || receivedSeconds > 0xFFFFFFFFL)
            {
                failure = new DecodeFailure(DecodeStatus.OutOfRange, field + ".receivedAt", field + ".receivedAt is outside 2000..2136");
                return false;
            }

            var r = new UplinkReading();
            r.Kind = (ReadingKind)kind;
            r.Slot = kindAndSlot & 0x0F;
            if (devices != null && !devices.TryApply(kindAndSlot & 0x0F, r, field + ".device", out failure))
            {
                return false;
            }

            r.ReceivedAt = FrameLayout.Epoch.AddTicks(receivedSeconds * TimeSpan.TicksPerSecond);
            r.ClockSynchronised = (flags & FrameLayout.ClockSynchronised) != 0;
            r.DeviceTimeInvalid = (flags & FrameLayout.DeviceTimeInvalid) != 0;
            r.AlternateUnit = (flags & FrameLayout.AlternateUnit) != 0;
            r.DeviceSequence = UplinkReading.NoSequence;
            if ((flags & FrameLayout.HasDeviceSequence) != 0)
            {
                ulong sequence;
                if (!reader.TryReadVarint(field + ".deviceSequence", out sequence, out failure))
                {
                    return false;
                }

                if (sequence > 0xFFFF)
                {
                    failure = DecodeFailure.OutOfRange(field + ".deviceSequence", (int)(sequence > int.MaxValue ? int.MaxValue : sequence), "0..65535");
                    return false;
                }

                r.DeviceSequence = (int)sequence;
            }

            if ((flags & FrameLayout.HasDeviceTime) != 0 && !TryReadDeviceTime(reader, field + ".deviceTime", receivedSeconds, r, out failure))
            {
                return false;
            }

            bool hasExtra = (flags & FrameLayout.HasExtra) != 0;
            int valueCount = FrameLayout.ValueCount(r.Kind);
            r.Values = new MedicalFloat[valueCount + (hasExtra && r.Kind == ReadingKind.BloodPressure ? 1 : 0)];
            for (int i = 0; i < valueCount; i++)
            {
                if (!reader.TryReadValue(field + ".values[" + i + "]", out r.Values[i], out failure))
                {
                    return false;
                }
            }

            if (r.Kind == ReadingKind.Glucose)
            {
                int typeAndLocation;
                if (!reader.TryReadByte(field + ".sample", out typeAndLocation, out failure))
                {
                    return false;
                }

                r.GlucoseType = typeAndLocation & 0x0F;
                r.GlucoseLocation = typeAndLocation >> 4;
            }

            if ((flags & FrameLayout.HasStatus) != 0 && !TryReadStatus(reader, field, r, out failure))
            {
                return false;
            }

            if (hasExtra && !TryReadExtra(reader, field, r, valueCount, out failure))
            {
                return false;
            }

            GlucoseContext context = null;
            if (hasContext && !FrameGlucoseContext.TryRead(reader, field + ".context", r.DeviceSequence, out context, out failure))
            {
                return false;
            }

            r.Context = context;

            reading = r;
            return true;
        }

        private static bool TryReadDeviceTime(FrameReader reader, string field, long receivedSeconds, UplinkReading r, out DecodeFailure failure)
        {
            long delta;
            if (!reader.TryReadSignedVarint(field, out delta, out failure))
            {
                return false;
            }

            long seconds = receivedSeconds + delta;
            DateTime time;
            try
            {
                time = FrameLayout.Epoch.AddTicks(seconds * TimeSpan.TicksPerSecond);
                r.DeviceTime = DeviceTime.FromDateTime(time);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                failure = new DecodeFailure(DecodeStatus.OutOfRange, field, field + " is outside the years 1582..9999");
                return false;
            }
        }

        private static bool TryReadStatus(FrameReader reader, string field, UplinkReading r, out DecodeFailure failure)
        {
            ulong status;
            if (!reader.TryReadVarint(field + ".status", out status, out failure))
            {
                return false;
            }

            if (status > 0xFFFF)
            {
                failure = new DecodeFailure(DecodeStatus.OutOfRange, field + ".status", field + ".status is wider than 16 bits");
                return false;
            }

            r.HasStatus = true;
            r.Status = (int)status;
            if (r.Kind != ReadingKind.PulseOximetry)
            {
                return true;
            }

            ulong deviceStatus;
            if (!reader.TryReadVarint(field + ".deviceStatus", out deviceStatus, out failure))
            {
                return false;
            }

            if (deviceStatus > 0xFFFFFF)
            {
                failure = new DecodeFailure(DecodeStatus.OutOfRange, field + ".deviceStatus", field + ".deviceStatus is wider than 24 bits");
                return false;
            }

            r.DeviceStatus = (int)deviceStatus;
            return true;
        }

        private static bool TryReadExtra(FrameReader reader, string field, UplinkReading r, int valueCount, out DecodeFailure failure)
        {
            if (r.Kind == ReadingKind.BloodPressure)
            {
                return reader.TryReadValue(field + ".pulse", out r.Values[valueCount], out failure);
            }

            if (r.Kind != ReadingKind.Weight)
            {
                failure = new DecodeFailure(DecodeStatus.Inconsistent, field + ".flags", field + ".flags has the extra bit, which a " + r.Kind + " reading does not use");
                return false;
            }

            int userId;
            if (!reader.TryReadByte(field + ".userId", out userId, out failure))
            {
                return false;
            }

            r.HasUserId = true;
            r.UserId = userId;
            return true;
        }
    }
}
