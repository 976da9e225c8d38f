namespace Dorset.Telehealth.Protocol.Decoding
{
    /// <summary>
    /// The reason a decoder refused its input: the kind of problem, the field it was found in, and a sentence for
    /// logs and the CLI such as "flags need 17 bytes, got 15".
    /// </summary>
    public sealed class DecodeFailure
    {
        /// <summary>Creates a failure.</summary>
        public DecodeFailure(DecodeStatus status, string field, string message)
        {
            Status = status;
            Field = field;
            Message = message;
        }

        /// <summary>The kind of problem.</summary>
        public DecodeStatus Status { get; private set; }

        /// <summary>The field in which it was found, named as in the specification.</summary>
        public string Field { get; private set; }

        /// <summary>A sentence that names the field and the reason.</summary>
        public string Message { get; private set; }

        /// <summary>"need N bytes, got M" for the named field.</summary>
        public static DecodeFailure TooShort(string field, int needed, int got)
        {
            return new DecodeFailure(DecodeStatus.TooShort, field, field + " need " + needed + " bytes, got " + got);
        }

        /// <summary>A value outside the field's range.</summary>
        public static DecodeFailure OutOfRange(string field, int value, string allowed)
        {
            return new DecodeFailure(DecodeStatus.OutOfRange, field, field + " " + value + " is out of range (" + allowed + ")");
        }

        /// <summary>A code the specification does not define.</summary>
        public static DecodeFailure UnknownCode(string field, int code)
        {
            return new DecodeFailure(DecodeStatus.UnknownCode, field, field + " " + code + " is not defined by the specification");
        }

        /// <inheritdoc/>
        public override string ToString()
        {
            return Message;
        }
    }
}
