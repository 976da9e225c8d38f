using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.RecordAccess
{
    /// <summary>
    /// Encodes RACP values: the requests the home unit writes and the responses a (virtual) device indicates. The
    /// named builders cover the requests in use; <see cref="Encode"/> takes any value.
    /// </summary>
    public static class RacpEncoder
    {
        /// <summary>`01 01`: report all stored records.</summary>
        public static byte[] ReportAll()
        {
            return Encode(Request(RacpOpcode.ReportStoredRecords, RacpOperator.AllRecords));
        }

        /// <summary>`01 03 01 lo hi`: report records with sequence &gt;= <paramref name="sequence"/>.</summary>
        public static byte[] ReportFromSequence(int sequence)
        {
            RacpValue value = Request(RacpOpcode.ReportStoredRecords, RacpOperator.GreaterThanOrEqual);
            value.FilterType = RacpFilterType.SequenceNumber;
            value.MinimumSequence = sequence;
            return Encode(value);
        }

        /// <summary>`04 01`: report the number of stored records.</summary>
        public static byte[] ReportNumberOfAllRecords()
        {
            return Encode(Request(RacpOpcode.ReportNumberOfRecords, RacpOperator.AllRecords));
        }

        /// <summary>`03 00`: abort.</summary>
        public static byte[] Abort()
        {
            return Encode(Request(RacpOpcode.Abort, RacpOperator.Null));
        }

        /// <summary>`05 00 lo hi`: number of records response.</summary>
        public static byte[] NumberOfRecordsResponse(int count)
        {
            RacpValue value = Request(RacpOpcode.NumberOfRecordsResponse, RacpOperator.Null);
            value.NumberOfRecords = count;
            return Encode(value);
        }

        /// <summary>`06 00 request code`: response code.</summary>
        public static byte[] ResponseCode(RacpOpcode request, RacpResponseCode code)
        {
            RacpValue value = Request(RacpOpcode.ResponseCode, RacpOperator.Null);
            value.RequestOpcode = request;
            value.ResponseCode = code;
            return Encode(value);
        }

        /// <summary>Any RACP value; the inverse of <see cref="RacpDecoder"/>.</summary>
        public static byte[] Encode(RacpValue value)
        {
            var writer = new GattWriter(2 + OperandSize(value));
            writer.WriteUInt8((int)value.Opcode);
            writer.WriteUInt8((int)value.Operator);
            if (value.Opcode == RacpOpcode.NumberOfRecordsResponse)
            {
                writer.WriteUInt16(value.NumberOfRecords);
            }
            else if (value.Opcode == RacpOpcode.ResponseCode)
            {
                writer.WriteUInt8((int)value.RequestOpcode);
                writer.WriteUInt8((int)value.ResponseCode);
            }
            else if (value.HasFilter)
            {
                writer.WriteUInt8((int)value.FilterType);
                bool range = value.Operator == RacpOperator.WithinRange;
                if (value.FilterType == RacpFilterType.SequenceNumber)
                {
                    writer.WriteUInt16(value.MinimumSequence);
                    if (range)
                    {
                        writer.WriteUInt16(value.MaximumSequence);
                    }
                }
                else
                {
                    value.MinimumTime.Write(writer);
                    if (range)
                    {
                        value.MaximumTime.Write(writer);
                    }
                }
            }

            return writer.ToArray();
        }

        private static RacpValue Request(RacpOpcode opcode, RacpOperator op)
        {
            var value = new RacpValue();
            value.Opcode = opcode;
            value.Operator = op;
            return value;
        }

        private static int OperandSize(RacpValue value)
        {
            if (value.Opcode == RacpOpcode.NumberOfRecordsResponse || value.Opcode == RacpOpcode.ResponseCode)
            {
                return 2;
            }

            if (!value.HasFilter)
            {
                return 0;
            }

            int each = value.FilterType == RacpFilterType.SequenceNumber ? 2 : DeviceTime.Size;
            return 1 + (value.Operator == RacpOperator.WithinRange ? 2 * each : each);
        }
    }
}
