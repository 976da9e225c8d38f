using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.RecordAccess
{
    /// <summary>
    /// One Record Access Control Point value: a request the collector writes, or a response the device indicates.
    /// Which properties mean something depends on <see cref="Opcode"/> and <see cref="Operator"/>.
    /// </summary>
    public sealed class RacpValue
    {
        /// <summary>The op code.</summary>
        public RacpOpcode Opcode { get; set; }

        /// <summary>The operator (<see cref="RacpOperator.Null"/> for abort and responses).</summary>
        public RacpOperator Operator { get; set; }

        /// <summary>The filter type of operators 2..4.</summary>
        public RacpFilterType FilterType { get; set; }

        /// <summary>Sequence operand (operators 2, 3) or range minimum (4), when filtering by sequence number.</summary>
        public int MinimumSequence { get; set; }

        /// <summary>Range maximum when filtering by sequence number (operator 4).</summary>
        public int MaximumSequence { get; set; }

        /// <summary>Time operand (operators 2, 3) or range minimum (4), when filtering by user-facing time.</summary>
        public DeviceTime MinimumTime { get; set; }

        /// <summary>Range maximum when filtering by user-facing time.</summary>
        public DeviceTime MaximumTime { get; set; }

        /// <summary>The count of a number-of-records response.</summary>
        public int NumberOfRecords { get; set; }

        /// <summary>The request a response code answers.</summary>
        public RacpOpcode RequestOpcode { get; set; }

        /// <summary>The outcome of a response code, as sent: possibly a code the specification reserves.</summary>
        public RacpResponseCode ResponseCode { get; set; }

        /// <summary>True when <see cref="ResponseCode"/> is one the specification reserves (0, or above 9): a failure.</summary>
        public bool IsReservedResponseCode
        {
            get { return ResponseCode < RacpResponseCode.Success || ResponseCode > RacpResponseCode.OperandNotSupported; }
        }

        /// <summary>True when <see cref="Operator"/> takes a filter operand (less/greater or equal, range).</summary>
        public bool HasFilter
        {
            get { return Operator == RacpOperator.LessThanOrEqual || Operator == RacpOperator.GreaterThanOrEqual || Operator == RacpOperator.WithinRange; }
        }
    }
}
