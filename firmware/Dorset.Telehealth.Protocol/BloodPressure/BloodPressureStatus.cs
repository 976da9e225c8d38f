namespace Dorset.Telehealth.Protocol.BloodPressure
{
    /// <summary>Blood Pressure Measurement Status bits (BLS 1.1.1, 3.1.1.5).</summary>
    public static class BloodPressureStatus
    {
        /// <summary>Bit 0: body movement during the measurement.</summary>
        public const int BodyMovement = 1 << 0;

        /// <summary>Bit 1: the cuff fits too loosely.</summary>
        public const int CuffTooLoose = 1 << 1;

        /// <summary>Bit 2: irregular pulse detected.</summary>
        public const int IrregularPulse = 1 << 2;

        /// <summary>Bit 5: improper measurement position.</summary>
        public const int ImproperPosition = 1 << 5;

        /// <summary>Bits that make the value doubtful (the contract's "questionable").</summary>
        public const int DoubtfulBits = BodyMovement | CuffTooLoose | ImproperPosition;
    }
}
