using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.RecordAccess
{
    /// <summary>
    /// Decodes Record Access Control Point 0x2A52 values, requests and responses alike. A failure names the field a
    /// device would answer for: "opcode" (op code not supported), "operator" (invalid operator), "filterType" (operand not
    /// supported), "operand" (invalid operand). A response code the specification reserves (0, or above 9) is not
    /// refused: it decodes with the raw code (<see cref="RacpValue.IsReservedResponseCode"/>), because it is still the
    /// device's answer to the request, and the collector must end the procedure on it as a failure, not wait for a
    /// response that will never come.
    /// </summary>
    public static class RacpDecoder
    {
        private const int HighestOpcode = (int)RacpOpcode.ResponseCode;
        private const int HighestOperator = (int)RacpOperator.LastRecord;

        /// <summary>Decodes one value.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out RacpValue value, out DecodeFailure failure)
        {
            value = null;
            var reader = new GattReader(buffer, offset, count);
            if (!reader.Require(2, "opcode", out failure))
            {
                return false;
            }

            int opcode = reader.ReadUInt8();
            int op = reader.ReadUInt8();
            if (opcode < 1 || opcode > HighestOpcode)
            {
                failure = DecodeFailure.UnknownCode("opcode", opcode);
                return false;
            }

            if (op > HighestOperator)
            {
                failure = DecodeFailure.UnknownCode("operator", op);
                return false;
            }

            var result = new RacpValue();
            result.Opcode = (RacpOpcode)opcode;
            result.Operator = (RacpOperator)op;
            bool takesOperator = opcode == (int)RacpOpcode.ReportStoredRecords || opcode == (int)RacpOpcode.DeleteStoredRecords
                || opcode == (int)RacpOpcode.ReportNumberOfRecords;
            if (takesOperator == (op == (int)RacpOperator.Null))
            {
                failure = new DecodeFailure(DecodeStatus.Inconsistent, "operator", "operator " + op + (takesOperator ? " is null but op code " + opcode + " needs one" : " must be null (0) for op code " + opcode));
                return false;
            }

            bool decoded;
            if (result.Opcode == RacpOpcode.NumberOfRecordsResponse)
            {
                decoded = TryReadCount(ref reader, result, out failure);
            }
            else if (result.Opcode == RacpOpcode.ResponseCode)
            {
                decoded = TryReadResponseCode(ref reader, result, out failure);
            }
            else
            {
                decoded = !result.HasFilter || TryReadFilter(ref reader, result, out failure);
            }

            if (decoded)
            {
                value = result;
            }

            return decoded;
        }

        private static bool TryReadCount(ref GattReader reader, RacpValue result, out DecodeFailure failure)
        {
            if (!reader.Require(2, "numberOfRecords", out failure))
            {
                return false;
            }

            result.NumberOfRecords = reader.ReadUInt16();
            return true;
        }

        private static bool TryReadResponseCode(ref GattReader reader, RacpValue result, out DecodeFailure failure)
        {
            if (!reader.Require(2, "responseCode", out failure))
            {
                return false;
            }

            int request = reader.ReadUInt8();
            int code = reader.ReadUInt8();
            // The request op code is echoed as received, so an unsupported one is kept rather than refused.
            result.RequestOpcode = (RacpOpcode)request;
            result.ResponseCode = (RacpResponseCode)code;
            return true;
        }

        private static bool TryReadFilter(ref GattReader reader, RacpValue result, out DecodeFailure failure)
        {
            if (!reader.Require(1, "filterType", out failure))
            {
                return false;
            }

            int filterType = reader.ReadUInt8();
            int operands = result.Operator == RacpOperator.WithinRange ? 2 : 1;
            if (filterType == (int)RacpFilterType.SequenceNumber)
            {
                result.FilterType = RacpFilterType.SequenceNumber;
                if (!reader.Require(2 * operands, "operand", out failure))
                {
                    return false;
                }

                result.MinimumSequence = reader.ReadUInt16();
                result.MaximumSequence = operands == 2 ? reader.ReadUInt16() : result.MinimumSequence;
                if (result.MaximumSequence < result.MinimumSequence)
                {
                    failure = new DecodeFailure(DecodeStatus.Inconsistent, "operand", "operand range " + result.MinimumSequence + ".." + result.MaximumSequence + " is reversed");
                    return false;
                }

                return true;
            }

            if (filterType == (int)RacpFilterType.UserFacingTime)
            {
                result.FilterType = RacpFilterType.UserFacingTime;
                if (!reader.Require(DeviceTime.Size * operands, "operand", out failure))
                {
                    return false;
                }

                DeviceTime minimum;
                if (!DeviceTime.TryRead(ref reader, "operand", out minimum, out failure))
                {
                    return false;
                }

                DeviceTime maximum = minimum;
                if (operands == 2 && !DeviceTime.TryRead(ref reader, "operand", out maximum, out failure))
                {
                    return false;
                }

                result.MinimumTime = minimum;
                result.MaximumTime = maximum;
                return true;
            }

            failure = DecodeFailure.UnknownCode("filterType", filterType);
            return false;
        }
    }
}
