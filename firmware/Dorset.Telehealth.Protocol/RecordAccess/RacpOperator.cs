namespace Dorset.Telehealth.Protocol.RecordAccess
{
    /// <summary>RACP operators.</summary>
    public enum RacpOperator
    {
        /// <summary>No operator (abort, and every response).</summary>
        Null = 0,

        /// <summary>All records.</summary>
        AllRecords = 1,

        /// <summary>Records whose filter value is less than or equal to the operand.</summary>
        LessThanOrEqual = 2,

        /// <summary>Records whose filter value is greater than or equal to the operand.</summary>
        GreaterThanOrEqual = 3,

        /// <summary>Records within the inclusive range of two operands.</summary>
        WithinRange = 4,

        /// <summary>The first (oldest) record.</summary>
        FirstRecord = 5,

        /// <summary>The last (newest) record.</summary>
        LastRecord = 6,
    }
}
