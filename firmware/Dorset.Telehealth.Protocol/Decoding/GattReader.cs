using System;
using Dorset.Telehealth.Protocol.Numbers;

namespace Dorset.Telehealth.Protocol.Decoding
{
    /// <summary>
    /// A little-endian cursor over (buffer, offset, count), as GATT values are laid out (Bluetooth Core 5.3, Vol 3,
    /// Part G, 3.3.3). Decoders first check with <see cref="Require"/> that every field their flags promise is present,
    /// then read; a read past the end is a decoder bug and throws. A struct, passed by ref to field readers, so that
    /// decoding allocates nothing but its result.
    /// </summary>
    public struct GattReader
    {
        private readonly byte[] _buffer;
        private readonly int _end;
        private int _position;

        /// <summary>Creates a reader over <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside the buffer.</exception>
        public GattReader(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset", "offset and count must lie inside the buffer");
            }

            _buffer = buffer;
            _position = offset;
            _end = offset + count;
        }

        /// <summary>Bytes not yet read.</summary>
        public int Remaining { get { return _end - _position; } }

        /// <summary>The absolute index of the next byte in the buffer.</summary>
        public int Position { get { return _position; } }

        /// <summary>
        /// Checks that at least <paramref name="needed"/> bytes remain. On failure, <paramref name="failure"/> names
        /// <paramref name="field"/> with the byte counts and nothing is consumed.
        /// </summary>
        public bool Require(int needed, string field, out DecodeFailure failure)
        {
            if (Remaining < needed)
            {
                failure = DecodeFailure.TooShort(field, needed, Remaining);
                return false;
            }

            failure = null;
            return true;
        }

        /// <summary>
        /// Reads the flags byte that starts most health records, after checking that the record holds every field those
        /// flags promise (<paramref name="sizeFor"/>); a short record fails as "flags need N bytes, got M" before any
        /// field is read.
        /// </summary>
        public bool TryReadFlags(FlaggedSize sizeFor, out int flags, out DecodeFailure failure)
        {
            flags = 0;
            if (!Require(1, "flags", out failure))
            {
                return false;
            }

            int promised = _buffer[_position];
            if (!Require(sizeFor(promised), "flags", out failure))
            {
                return false;
            }

            flags = ReadUInt8();
            return true;
        }

        /// <summary>Reads an unsigned byte.</summary>
        public byte ReadUInt8()
        {
            Check(1);
            return _buffer[_position++];
        }

        /// <summary>Reads a little-endian unsigned 16-bit integer.</summary>
        public ushort ReadUInt16()
        {
            Check(2);
            int value = _buffer[_position] | (_buffer[_position + 1] << 8);
            _position += 2;
            return (ushort)value;
        }

        /// <summary>Reads a little-endian signed 16-bit integer.</summary>
        public short ReadInt16()
        {
            return (short)ReadUInt16();
        }

        /// <summary>Reads a little-endian unsigned 24-bit integer.</summary>
        public int ReadUInt24()
        {
            Check(3);
            int value = _buffer[_position] | (_buffer[_position + 1] << 8) | (_buffer[_position + 2] << 16);
            _position += 3;
            return value;
        }

        /// <summary>Reads a little-endian unsigned 32-bit integer.</summary>
        public uint ReadUInt32()
        {
            Check(4);
            uint value = (uint)(_buffer[_position] | (_buffer[_position + 1] << 8) | (_buffer[_position + 2] << 16)) | ((uint)_buffer[_position + 3] << 24);
            _position += 4;
            return value;
        }

        /// <summary>Reads an IEEE 11073 SFLOAT.</summary>
        public MedicalFloat ReadSFloat()
        {
            return MedicalFloat.FromSFloat(ReadUInt16());
        }

        /// <summary>Reads an IEEE 11073 FLOAT.</summary>
        public MedicalFloat ReadFloat()
        {
            return MedicalFloat.FromFloat(ReadUInt32());
        }

        /// <summary>Copies the next <paramref name="count"/> bytes out.</summary>
        public byte[] ReadBytes(int count)
        {
            Check(count);
            var bytes = new byte[count];
            Array.Copy(_buffer, _position, bytes, 0, count);
            _position += count;
            return bytes;
        }

        private void Check(int size)
        {
            if (Remaining < size)
            {
                throw new InvalidOperationException("read past the end: the decoder must Require its fields first");
            }
        }
    }
}
