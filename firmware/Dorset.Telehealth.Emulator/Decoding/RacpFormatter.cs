using System.Text.Json;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.RecordAccess;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>
/// racp: opcode, operator, filterType, minimum/maximum operands, numberOfRecords, requestOpcode, responseCode (raw codes,
/// plus readable names), whichever the op code carries; the others are null.
/// </summary>
public sealed class RacpFormatter : ICharacteristicFormatter
{
    /// <inheritdoc/>
    public string Name => "racp";

    /// <inheritdoc/>
    public ushort? Uuid => GattUuids.RecordAccessControlPoint;

    /// <inheritdoc/>
    public bool TryFormat(byte[] value, Utf8JsonWriter json, out DecodeFailure? failure)
    {
        if (!RacpDecoder.TryDecode(value, 0, value.Length, out RacpValue racp, out failure))
        {
            return false;
        }

        json.WriteNumber("opcode", (int)racp.Opcode);
        json.WriteString("opcodeName", racp.Opcode.ToString());
        json.WriteNumber("operator", (int)racp.Operator);
        json.WriteString("operatorName", racp.Operator.ToString());
        bool bySequence = racp.HasFilter && racp.FilterType == RacpFilterType.SequenceNumber;
        bool byTime = racp.HasFilter && racp.FilterType == RacpFilterType.UserFacingTime;
        json.WriteOptionalNumber("filterType", racp.HasFilter, (int)racp.FilterType);
        json.WriteOptionalNumber("minimumSequence", bySequence, racp.MinimumSequence);
        json.WriteOptionalNumber("maximumSequence", bySequence && racp.Operator == RacpOperator.WithinRange, racp.MaximumSequence);
        json.WriteDeviceTime("minimumTime", byTime ? racp.MinimumTime : null);
        json.WriteDeviceTime("maximumTime", byTime && racp.Operator == RacpOperator.WithinRange ? racp.MaximumTime : null);
        bool isCount = racp.Opcode == RacpOpcode.NumberOfRecordsResponse;
        bool isResponse = racp.Opcode == RacpOpcode.ResponseCode;
        json.WriteOptionalNumber("numberOfRecords", isCount, racp.NumberOfRecords);
        json.WriteOptionalNumber("requestOpcode", isResponse, (int)racp.RequestOpcode);
        json.WriteOptionalNumber("responseCode", isResponse, (int)racp.ResponseCode);
        if (isResponse)
        {
            json.WriteString("responseCodeName", racp.IsReservedResponseCode ? "reserved" : racp.ResponseCode.ToString());
        }
        else
        {
            json.WriteNull("responseCodeName");
        }

        return true;
    }
}
