using System;
using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>
    /// A v2 frame's device table (firmware/PROTOCOL.md "Devices"): each measuring device of the frame once, as its slot,
    /// address type and address when the reading was taken. A reading names its device by index in the low nibble of
    /// its first byte, so the address travels once per frame, not once per reading, and a slot re-paired between two
    /// readings of one frame is two entries.
    /// </summary>
    internal sealed class FrameDeviceTable
    {
        /// <summary>Most devices in one frame: the index is a nibble.</summary>
        internal const int MaxDevices = 16;

        private const int RandomAddressBit = 1 << 4;
        private const int ReservedBits = 0xE0;
        private readonly int[] slots = new int[MaxDevices];
        private readonly bool[] random = new bool[MaxDevices];
        private readonly string[] addresses = new string[MaxDevices];
        private readonly bool[] used = new bool[MaxDevices];

        internal int Count { get; private set; }

        /// <summary>The index of <paramref name="r"/>'s device, adding it on first use.</summary>
        /// <exception cref="ArgumentException">The address is missing or malformed, or a 17th device.</exception>
        internal int IndexOf(UplinkReading r)
        {
            var octets = new byte[BluetoothAddress.Size];
            if (!BluetoothAddress.TryParse(r.DeviceAddress, octets, 0))
            {
                throw new ArgumentException("a v2 reading needs its device's address as six hex octets, got '" + r.DeviceAddress + "'");
            }

            string address = BluetoothAddress.Format(octets, 0);
            for (int i = 0; i < Count; i++)
            {
                if (slots[i] == r.Slot && random[i] == r.RandomAddress && addresses[i] == address)
                {
                    return i;
                }
            }

            if (Count == MaxDevices)
            {
                throw new ArgumentException("a frame names at most " + MaxDevices + " devices");
            }

            slots[Count] = r.Slot;
            random[Count] = r.RandomAddress;
            addresses[Count] = address;
            return Count++;
        }

        internal void Write(FrameWriter writer)
        {
            var octets = new byte[BluetoothAddress.Size];
            writer.WriteVarint((ulong)Count);
            for (int i = 0; i < Count; i++)
            {
                writer.WriteByte(slots[i] | (random[i] ? RandomAddressBit : 0));
                BluetoothAddress.TryParse(addresses[i], octets, 0);
                for (int b = 0; b < octets.Length; b++)
                {
                    writer.WriteByte(octets[b]);
                }
            }
        }

        /// <summary>Reads a table: 1..16 distinct entries, reserved bits clear.</summary>
        internal static bool TryRead(FrameReader reader, out FrameDeviceTable table, out DecodeFailure failure)
        {
            table = null;
            ulong count;
            if (!reader.TryReadVarint("devices", out count, out failure))
            {
                return false;
            }

            if (count == 0 || count > MaxDevices)
            {
                failure = DecodeFailure.OutOfRange("devices", (int)(count > int.MaxValue ? int.MaxValue : count), "1.." + MaxDevices);
                return false;
            }

            var result = new FrameDeviceTable();
            var octets = new byte[BluetoothAddress.Size];
            for (int i = 0; i < (int)count; i++)
            {
                string field = "devices[" + i + "]";
                int slotAndType;
                if (!reader.TryReadByte(field + ".slot", out slotAndType, out failure))
                {
                    return false;
                }

                if ((slotAndType & ReservedBits) != 0)
                {
                    failure = new DecodeFailure(DecodeStatus.OutOfRange, field + ".slot", field + ".slot reserved bits 5-7 are set (0x" + slotAndType.ToString("X2") + ")");
                    return false;
                }

                for (int b = 0; b < octets.Length; b++)
                {
                    int octet;
                    if (!reader.TryReadByte(field + ".address", out octet, out failure))
                    {
                        failure = DecodeFailure.TooShort(field + ".address", BluetoothAddress.Size, b);
                        return false;
                    }

                    octets[b] = (byte)octet;
                }

                result.slots[i] = slotAndType & 0x0F;
                result.random[i] = (slotAndType & RandomAddressBit) != 0;
                result.addresses[i] = BluetoothAddress.Format(octets, 0);
                for (int j = 0; j < i; j++)
                {
                    if (result.slots[j] == result.slots[i] && result.random[j] == result.random[i] && result.addresses[j] == result.addresses[i])
                    {
                        failure = new DecodeFailure(DecodeStatus.Inconsistent, field, field + " repeats devices[" + j + "]");
                        return false;
                    }
                }

                result.Count++;
            }

            table = result;
            return true;
        }

        /// <summary>Gives <paramref name="r"/> the device at <paramref name="index"/>, or fails when there is none.</summary>
        internal bool TryApply(int index, UplinkReading r, string field, out DecodeFailure failure)
        {
            if (index >= Count)
            {
                failure = new DecodeFailure(DecodeStatus.OutOfRange, field, field + " " + index + " names no device (the frame has " + Count + ")");
                return false;
            }

            failure = null;
            used[index] = true;
            r.Slot = slots[index];
            r.RandomAddress = random[index];
            r.DeviceAddress = addresses[index];
            return true;
        }

        /// <summary>The first entry no reading named, or -1: an unused entry is refused, so each frame has one encoding.</summary>
        internal int FirstUnused()
        {
            for (int i = 0; i < Count; i++)
            {
                if (!used[i])
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
