namespace Dorset.Telehealth.Protocol.Decoding
{
    /// <summary>Why a buffer did not decode. Malformed input from a device or the network is expected, not exceptional.</summary>
    public enum DecodeStatus
    {
        /// <summary>Fewer bytes than the fixed part or the flags promise.</summary>
        TooShort = 1,

        /// <summary>More bytes than a value allows: a Device Information string over its bound (trailing bytes after a characteristic's fields are ignored, never this).</summary>
        TooLong = 2,

        /// <summary>A field holds a value outside its defined range (a month of 13, a battery level of 101).</summary>
        OutOfRange = 3,

        /// <summary>A code the specification does not define (an unknown RACP opcode or operator).</summary>
        UnknownCode = 4,

        /// <summary>A frame of a version this code does not know.</summary>
        UnsupportedVersion = 5,

        /// <summary>The checksum does not match the bytes.</summary>
        BadChecksum = 6,

        /// <summary>Fields that contradict each other.</summary>
        Inconsistent = 7,
    }
}
