using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Numbers;

namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>Reads the frame's primitives, never past the end: each read fails with the field it was reading.</summary>
    internal sealed class FrameReader
    {
        private const int MaxVarintBytes = 10;
        private readonly byte[] buffer;
        private readonly int end;

        internal FrameReader(byte[] buffer, int offset, int end)
        {
            this.buffer = buffer;
            Position = offset;
            this.end = end;
        }

        internal int Position { get; private set; }

        internal int Remaining
        {
            get { return end - Position; }
        }

        internal bool TryReadByte(string field, out int value, out DecodeFailure failure)
        {
            value = 0;
            if (Position >= end)
            {
                failure = DecodeFailure.TooShort(field, 1, 0);
                return false;
            }

            failure = null;
            value = buffer[Position++];
            return true;
        }

        internal bool TryReadUInt32(string field, out uint value, out DecodeFailure failure)
        {
            value = 0;
            if (Remaining < 4)
            {
                failure = DecodeFailure.TooShort(field, 4, Remaining);
                return false;
            }

            failure = null;
            value = (uint)(buffer[Position] | (buffer[Position + 1] << 8) | (buffer[Position + 2] << 16) | (buffer[Position + 3] << 24));
            Position += 4;
            return true;
        }

        internal bool TryReadVarint(string field, out ulong value, out DecodeFailure failure)
        {
            value = 0;
            for (int i = 0; i < MaxVarintBytes; i++)
            {
                int b;
                if (!TryReadByte(field, out b, out failure))
                {
                    failure = new DecodeFailure(DecodeStatus.TooShort, field, field + " varint is cut off");
                    return false;
                }

                value |= (ulong)(b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0)
                {
                    return true;
                }
            }

            failure = new DecodeFailure(DecodeStatus.OutOfRange, field, field + " varint is longer than 10 bytes");
            return false;
        }

        internal bool TryReadSignedVarint(string field, out long value, out DecodeFailure failure)
        {
            ulong raw;
            bool ok = TryReadVarint(field, out raw, out failure);
            value = (long)(raw >> 1) ^ -(long)(raw & 1);
            return ok;
        }

        /// <summary>Reads a value as <see cref="FrameWriter.WriteValue"/> wrote it.</summary>
        internal bool TryReadValue(string field, out MedicalFloat value, out DecodeFailure failure)
        {
            value = MedicalFloat.NaN;
            ulong raw;
            if (!TryReadVarint(field, out raw, out failure))
            {
                return false;
            }

            int exponentCode = (int)(raw & 7);
            ulong zigzag = raw >> 3;
            long mantissa = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
            int exponent = exponentCode - 4;
            if (exponentCode == 7)
            {
                int escape;
                if (!TryReadByte(field, out escape, out failure))
                {
                    return false;
                }

                if (escape == 0x80)
                {
                    return TrySpecial(field, mantissa, out value, out failure);
                }

                exponent = escape >= 0x80 ? escape - 0x100 : escape;
            }

            if (mantissa > int.MaxValue || mantissa < int.MinValue)
            {
                failure = new DecodeFailure(DecodeStatus.OutOfRange, field, field + " mantissa " + mantissa + " does not fit 32 bits");
                return false;
            }

            value = new MedicalFloat((int)mantissa, exponent);
            return true;
        }

        private static bool TrySpecial(string field, long code, out MedicalFloat value, out DecodeFailure failure)
        {
            value = MedicalFloat.NaN;
            failure = null;
            switch ((MedicalFloatKind)(int)code)
            {
                case MedicalFloatKind.NaN: value = MedicalFloat.NaN; return true;
                case MedicalFloatKind.NRes: value = MedicalFloat.NRes; return true;
                case MedicalFloatKind.PositiveInfinity: value = MedicalFloat.PositiveInfinity; return true;
                case MedicalFloatKind.NegativeInfinity: value = MedicalFloat.NegativeInfinity; return true;
                case MedicalFloatKind.Reserved: value = MedicalFloat.Reserved; return true;
                default:
                    failure = DecodeFailure.UnknownCode(field + " special value", (int)code);
                    return false;
            }
        }
    }
}
