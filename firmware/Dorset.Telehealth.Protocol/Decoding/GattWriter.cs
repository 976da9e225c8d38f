using System;
using Dorset.Telehealth.Protocol.Numbers;

namespace Dorset.Telehealth.Protocol.Decoding
{
    /// <summary>
    /// A little-endian builder for GATT values. Encoders know their exact size from their flags, so the writer fills a
    /// buffer of that size and <see cref="ToArray"/> checks nothing was left unwritten.
    /// </summary>
    public sealed class GattWriter
    {
        private readonly byte[] _buffer;
        private int _position;

        /// <summary>Creates a writer for a value of exactly <paramref name="size"/> bytes.</summary>
        public GattWriter(int size)
        {
            _buffer = new byte[size];
        }

        /// <summary>Writes an unsigned byte.</summary>
        public void WriteUInt8(int value)
        {
            Check(1);
            _buffer[_position++] = (byte)value;
        }

        /// <summary>Writes a little-endian 16-bit integer (signed or unsigned).</summary>
        public void WriteUInt16(int value)
        {
            Check(2);
            _buffer[_position++] = (byte)value;
            _buffer[_position++] = (byte)(value >> 8);
        }

        /// <summary>Writes a little-endian 24-bit integer.</summary>
        public void WriteUInt24(int value)
        {
            Check(3);
            _buffer[_position++] = (byte)value;
            _buffer[_position++] = (byte)(value >> 8);
            _buffer[_position++] = (byte)(value >> 16);
        }

        /// <summary>Writes a little-endian 32-bit integer.</summary>
        public void WriteUInt32(uint value)
        {
            Check(4);
            _buffer[_position++] = (byte)value;
            _buffer[_position++] = (byte)(value >> 8);
            _buffer[_position++] = (byte)(value >> 16);
            _buffer[_position++] = (byte)(value >> 24);
        }

        /// <summary>Writes an IEEE 11073 SFLOAT.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value has no exact SFLOAT form.</exception>
        public void WriteSFloat(MedicalFloat value)
        {
            WriteUInt16(value.ToSFloat());
        }

        /// <summary>Writes an IEEE 11073 FLOAT.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value has no exact FLOAT form.</exception>
        public void WriteFloat(MedicalFloat value)
        {
            WriteUInt32(value.ToFloat());
        }

        /// <summary>Writes raw bytes.</summary>
        public void WriteBytes(byte[] bytes)
        {
            Check(bytes.Length);
            Array.Copy(bytes, 0, _buffer, _position, bytes.Length);
            _position += bytes.Length;
        }

        /// <summary>The finished value.</summary>
        /// <exception cref="InvalidOperationException">Fewer bytes were written than the size given.</exception>
        public byte[] ToArray()
        {
            if (_position != _buffer.Length)
            {
                throw new InvalidOperationException("encoder wrote " + _position + " of " + _buffer.Length + " bytes");
            }

            return _buffer;
        }

        private void Check(int size)
        {
            if (_buffer.Length - _position < size)
            {
                throw new InvalidOperationException("encoder wrote past the size it declared");
            }
        }
    }
}
