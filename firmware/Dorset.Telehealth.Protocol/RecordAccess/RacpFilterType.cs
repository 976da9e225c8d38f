namespace Dorset.Telehealth.Protocol.RecordAccess
{
    /// <summary>What the operand of a filtering RACP operator compares (first byte of the operand).</summary>
    public enum RacpFilterType
    {
        /// <summary>No filter (operators without operand).</summary>
        None = 0,

        /// <summary>Sequence number, u16 operand(s).</summary>
        SequenceNumber = 1,

        /// <summary>User-facing time, Date Time operand(s).</summary>
        UserFacingTime = 2,
    }
}
