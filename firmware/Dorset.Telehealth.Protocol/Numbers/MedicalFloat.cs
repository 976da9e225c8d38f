using System;
using System.Text;

namespace Dorset.Telehealth.Protocol.Numbers
{
    /// <summary>
    /// An exact decimal from an IEEE 11073-20601 SFLOAT (16-bit) or FLOAT (32-bit) word: mantissa times ten to the
    /// exponent, or one of the special values. The mantissa and exponent are kept as sent, so 101e-1 stays exactly
    /// 10.1; conversion to binary floating point happens only at the edges (<see cref="ToDouble"/>).
    /// </summary>
    /// <remarks>
    /// Layouts: IEEE 11073-20601 section F.6; Bluetooth SIG "Personal Health Devices Transcoding" white paper, 2.2.
    /// SFLOAT: bits 15..12 signed exponent, bits 11..0 signed mantissa. FLOAT: byte 3 signed exponent, bytes 0..2 signed
    /// mantissa. Special values are recognised on the whole word only: 0x77FF is 2047e7, not NaN.
    /// </remarks>
    public struct MedicalFloat
    {
        // Special SFLOAT words (IEEE 11073-20601 table F.5), matched on all 16 bits.
        private const ushort SFloatNaN = 0x07FF;
        private const ushort SFloatNRes = 0x0800;
        private const ushort SFloatPositiveInfinity = 0x07FE;
        private const ushort SFloatNegativeInfinity = 0x0802;
        private const ushort SFloatReserved = 0x0801;

        // Special FLOAT words, matched on all 32 bits.
        private const uint FloatNaN = 0x007FFFFF;
        private const uint FloatNRes = 0x00800000;
        private const uint FloatPositiveInfinity = 0x007FFFFE;
        private const uint FloatNegativeInfinity = 0x00800002;
        private const uint FloatReserved = 0x00800001;

        // Mantissas an encoder may emit: the extremes of each range are taken by the special values.
        private const int SFloatMaxMantissa = 2045;
        private const int FloatMaxMantissa = 8388605;

        private readonly int _mantissa;
        private readonly int _exponent;
        private readonly MedicalFloatKind _kind;

        /// <summary>Creates a finite value <paramref name="mantissa"/> × 10^<paramref name="exponent"/>.</summary>
        public MedicalFloat(int mantissa, int exponent)
        {
            _mantissa = mantissa;
            _exponent = exponent;
            _kind = MedicalFloatKind.Number;
        }

        private MedicalFloat(MedicalFloatKind kind)
        {
            _mantissa = 0;
            _exponent = 0;
            _kind = kind;
        }

        /// <summary>Not a number (SFLOAT 0x07FF).</summary>
        public static MedicalFloat NaN { get { return new MedicalFloat(MedicalFloatKind.NaN); } }

        /// <summary>Not at this resolution (SFLOAT 0x0800).</summary>
        public static MedicalFloat NRes { get { return new MedicalFloat(MedicalFloatKind.NRes); } }

        /// <summary>Positive infinity (SFLOAT 0x07FE).</summary>
        public static MedicalFloat PositiveInfinity { get { return new MedicalFloat(MedicalFloatKind.PositiveInfinity); } }

        /// <summary>Negative infinity (SFLOAT 0x0802).</summary>
        public static MedicalFloat NegativeInfinity { get { return new MedicalFloat(MedicalFloatKind.NegativeInfinity); } }

        /// <summary>The reserved special value (SFLOAT 0x0801).</summary>
        public static MedicalFloat Reserved { get { return new MedicalFloat(MedicalFloatKind.Reserved); } }

        /// <summary>Whether this is a finite number or a special value.</summary>
        public MedicalFloatKind Kind { get { return _kind; } }

        /// <summary>True for a finite number.</summary>
        public bool IsNumber { get { return _kind == MedicalFloatKind.Number; } }

        /// <summary>The signed mantissa; 0 for special values.</summary>
        public int Mantissa { get { return _mantissa; } }

        /// <summary>The power of ten; 0 for special values.</summary>
        public int Exponent { get { return _exponent; } }

        /// <summary>Decodes a 16-bit SFLOAT word.</summary>
        public static MedicalFloat FromSFloat(ushort word)
        {
            switch (word)
            {
                case SFloatNaN: return NaN;
                case SFloatNRes: return NRes;
                case SFloatPositiveInfinity: return PositiveInfinity;
                case SFloatNegativeInfinity: return NegativeInfinity;
                case SFloatReserved: return Reserved;
            }

            int mantissa = word & 0x0FFF;
            if ((mantissa & 0x0800) != 0)
            {
                mantissa -= 0x1000;
            }

            int exponent = word >> 12;
            if ((exponent & 0x8) != 0)
            {
                exponent -= 0x10;
            }

            return new MedicalFloat(mantissa, exponent);
        }

        /// <summary>Decodes a 32-bit FLOAT word.</summary>
        public static MedicalFloat FromFloat(uint word)
        {
            switch (word)
            {
                case FloatNaN: return NaN;
                case FloatNRes: return NRes;
                case FloatPositiveInfinity: return PositiveInfinity;
                case FloatNegativeInfinity: return NegativeInfinity;
                case FloatReserved: return Reserved;
            }

            int mantissa = (int)(word & 0x00FFFFFF);
            if ((mantissa & 0x00800000) != 0)
            {
                mantissa -= 0x01000000;
            }

            int exponent = (sbyte)(byte)(word >> 24);
            return new MedicalFloat(mantissa, exponent);
        }

        /// <summary>
        /// Encodes as a 16-bit SFLOAT word. Trailing zeros of the mantissa move into the exponent when the mantissa
        /// would not otherwise fit, so the value is never rounded.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value has no exact SFLOAT form.</exception>
        public ushort ToSFloat()
        {
            switch (_kind)
            {
                case MedicalFloatKind.NaN: return SFloatNaN;
                case MedicalFloatKind.NRes: return SFloatNRes;
                case MedicalFloatKind.PositiveInfinity: return SFloatPositiveInfinity;
                case MedicalFloatKind.NegativeInfinity: return SFloatNegativeInfinity;
                case MedicalFloatKind.Reserved: return SFloatReserved;
            }

            int mantissa = _mantissa;
            int exponent = _exponent;
            Fit(ref mantissa, ref exponent, SFloatMaxMantissa, -8, 7);
            return (ushort)(((exponent & 0xF) << 12) | (mantissa & 0x0FFF));
        }

        /// <summary>Encodes as a 32-bit FLOAT word, exactly.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value has no exact FLOAT form.</exception>
        public uint ToFloat()
        {
            switch (_kind)
            {
                case MedicalFloatKind.NaN: return FloatNaN;
                case MedicalFloatKind.NRes: return FloatNRes;
                case MedicalFloatKind.PositiveInfinity: return FloatPositiveInfinity;
                case MedicalFloatKind.NegativeInfinity: return FloatNegativeInfinity;
                case MedicalFloatKind.Reserved: return FloatReserved;
            }

            int mantissa = _mantissa;
            int exponent = _exponent;
            Fit(ref mantissa, ref exponent, FloatMaxMantissa, -128, 127);
            return ((uint)(exponent & 0xFF) << 24) | ((uint)mantissa & 0x00FFFFFF);
        }

        /// <summary>The same number with the exponent moved by <paramref name="powerOfTen"/> (an exact unit change).</summary>
        public MedicalFloat ScaleByPowerOfTen(int powerOfTen)
        {
            return IsNumber ? new MedicalFloat(_mantissa, _exponent + powerOfTen) : this;
        }

        /// <summary>The nearest double; special values map to NaN and the infinities.</summary>
        public double ToDouble()
        {
            switch (_kind)
            {
                case MedicalFloatKind.Number:
                    double value = _mantissa;
                    for (int i = 0; i < _exponent; i++)
                    {
                        value *= 10;
                    }

                    for (int i = 0; i > _exponent; i--)
                    {
                        value /= 10;
                    }

                    return value;
                case MedicalFloatKind.PositiveInfinity: return double.PositiveInfinity;
                case MedicalFloatKind.NegativeInfinity: return double.NegativeInfinity;
                default: return double.NaN;
            }
        }

        /// <summary>
        /// The exact decimal text ("10.1", "0.0012", "2047E+7" style is never used: "20470000000"), or the special
        /// value's name: "NaN", "NRes", "+INF", "-INF", "reserved".
        /// </summary>
        public override string ToString()
        {
            switch (_kind)
            {
                case MedicalFloatKind.NaN: return "NaN";
                case MedicalFloatKind.NRes: return "NRes";
                case MedicalFloatKind.PositiveInfinity: return "+INF";
                case MedicalFloatKind.NegativeInfinity: return "-INF";
                case MedicalFloatKind.Reserved: return "reserved";
            }

            bool negative = _mantissa < 0;
            string digits = (negative ? -(long)_mantissa : _mantissa).ToString();
            var text = new StringBuilder();
            if (negative)
            {
                text.Append('-');
            }

            if (_exponent >= 0)
            {
                text.Append(digits);
                if (_mantissa != 0)
                {
                    text.Append('0', _exponent);
                }
            }
            else
            {
                int fractionDigits = -_exponent;
                if (digits.Length <= fractionDigits)
                {
                    text.Append("0.");
                    text.Append('0', fractionDigits - digits.Length);
                    text.Append(digits);
                }
                else
                {
                    text.Append(digits.Substring(0, digits.Length - fractionDigits));
                    text.Append('.');
                    text.Append(digits.Substring(digits.Length - fractionDigits));
                }
            }

            return text.ToString();
        }

        /// <summary>Same kind, mantissa and exponent (10.1 as 101e-1 differs from 1010e-2: the resolution differs).</summary>
        public override bool Equals(object obj)
        {
            if (!(obj is MedicalFloat))
            {
                return false;
            }

            var other = (MedicalFloat)obj;
            return other._kind == _kind && other._mantissa == _mantissa && other._exponent == _exponent;
        }

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            return (_mantissa * 31 + _exponent) * 7 + (int)_kind;
        }

        private static void Fit(ref int mantissa, ref int exponent, int maxMantissa, int minExponent, int maxExponent)
        {
            while ((mantissa > maxMantissa || mantissa < -maxMantissa || exponent < minExponent) && mantissa % 10 == 0 && exponent < maxExponent)
            {
                mantissa /= 10;
                exponent++;
            }

            while (exponent > maxExponent && mantissa * 10 <= maxMantissa && mantissa * 10 >= -maxMantissa)
            {
                mantissa *= 10;
                exponent--;
            }

            if (mantissa > maxMantissa || mantissa < -maxMantissa || exponent < minExponent || exponent > maxExponent)
            {
                throw new ArgumentOutOfRangeException("mantissa", "value has no exact form at this word size");
            }
        }
    }
}
