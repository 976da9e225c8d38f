namespace Dorset.Telehealth.Protocol.RecordAccess
{
    /// <summary>RACP response code values (op code 6).</summary>
    public enum RacpResponseCode
    {
        /// <summary>The request completed.</summary>
        Success = 1,

        /// <summary>The op code is not supported.</summary>
        OpcodeNotSupported = 2,

        /// <summary>The operator is invalid for the op code.</summary>
        InvalidOperator = 3,

        /// <summary>The operator is not supported.</summary>
        OperatorNotSupported = 4,

        /// <summary>The operand is invalid.</summary>
        InvalidOperand = 5,

        /// <summary>No records matched.</summary>
        NoRecordsFound = 6,

        /// <summary>The abort could not be carried out.</summary>
        AbortUnsuccessful = 7,

        /// <summary>The procedure did not complete (e.g. aborted).</summary>
        ProcedureNotCompleted = 8,

        /// <summary>The operand (filter type) is not supported.</summary>
        OperandNotSupported = 9,
    }
}
