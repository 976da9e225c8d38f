using System;
using Dorset.Telehealth.Protocol.Numbers;

namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>Writes the frame's primitives: bytes, LEB128 varints, zigzag varints, u32 and exact decimals.</summary>
    internal sealed class FrameWriter
    {
        private byte[] buffer = new byte[64];

        internal int Length { get; private set; }

        internal void WriteByte(int value)
        {
            if (Length == buffer.Length)
            {
                var grown = new byte[buffer.Length * 2];
                Array.Copy(buffer, grown, Length);
                buffer = grown;
            }

            buffer[Length++] = (byte)value;
        }

        internal void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                WriteByte((int)(value & 0x7F) | 0x80);
                value >>= 7;
            }

            WriteByte((int)value);
        }

        internal void WriteSignedVarint(long value)
        {
            WriteVarint((ulong)((value << 1) ^ (value >> 63)));
        }

        internal void WriteUInt32(uint value)
        {
            WriteByte((int)(value & 0xFF));
            WriteByte((int)((value >> 8) & 0xFF));
            WriteByte((int)((value >> 16) & 0xFF));
            WriteByte((int)(value >> 24));
        }

        /// <summary>
        /// An exact decimal (PROTOCOL.md "Values"): varint of zigzag(mantissa) shifted left 3, the low 3 bits giving
        /// exponent+4 for exponents -4..2; 7 means an escape byte follows (a signed exponent, or 0x80 for a special value
        /// whose code is the mantissa).
        /// </summary>
        internal void WriteValue(MedicalFloat value)
        {
            long mantissa;
            int exponent;
            bool special = !value.IsNumber;
            if (special)
            {
                mantissa = (int)value.Kind;
                exponent = 0;
            }
            else
            {
                mantissa = value.Mantissa;
                exponent = value.Exponent;
                while (mantissa != 0 && mantissa % 10 == 0)
                {
                    mantissa /= 10;
                    exponent++;
                }

                if (mantissa == 0)
                {
                    exponent = 0;
                }
            }

            ulong zigzag = (ulong)((mantissa << 1) ^ (mantissa >> 63));
            bool packed = !special && exponent >= -4 && exponent <= 2;
            ulong exponentCode = packed ? (ulong)(exponent + 4) : 7UL;
            WriteVarint((zigzag << 3) | exponentCode);
            if (!packed)
            {
                WriteByte(special ? 0x80 : exponent & 0xFF);
            }
        }

        internal byte[] ToArray()
        {
            var result = new byte[Length];
            Array.Copy(buffer, result, Length);
            return result;
        }
    }
}
