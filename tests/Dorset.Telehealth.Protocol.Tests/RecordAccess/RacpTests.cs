using System;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.RecordAccess;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.Tests.RecordAccess;

public class RacpTests
{
    [Fact]
    public void Requests_AreTheSpecBytes()
    {
        Assert.Equal("0101", Convert.ToHexString(RacpEncoder.ReportAll()));
        Assert.Equal("0103012D00", Convert.ToHexString(RacpEncoder.ReportFromSequence(45)));
        Assert.Equal("0401", Convert.ToHexString(RacpEncoder.ReportNumberOfAllRecords()));
        Assert.Equal("0300", Convert.ToHexString(RacpEncoder.Abort()));
        Assert.Equal("05000201", Convert.ToHexString(RacpEncoder.NumberOfRecordsResponse(258)));
        Assert.Equal("06000106", Convert.ToHexString(RacpEncoder.ResponseCode(RacpOpcode.ReportStoredRecords, RacpResponseCode.NoRecordsFound)));
    }

    [Theory]
    [InlineData("0101", RacpOpcode.ReportStoredRecords, RacpOperator.AllRecords)]
    [InlineData("0105", RacpOpcode.ReportStoredRecords, RacpOperator.FirstRecord)]
    [InlineData("0106", RacpOpcode.ReportStoredRecords, RacpOperator.LastRecord)]
    [InlineData("0201", RacpOpcode.DeleteStoredRecords, RacpOperator.AllRecords)]
    [InlineData("0300", RacpOpcode.Abort, RacpOperator.Null)]
    [InlineData("0401", RacpOpcode.ReportNumberOfRecords, RacpOperator.AllRecords)]
    public void TryDecode_RequestsWithoutOperand(string hex, RacpOpcode opcode, RacpOperator op)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.True(RacpDecoder.TryDecode(bytes, 0, bytes.Length, out RacpValue value, out _));
        Assert.Equal(opcode, value.Opcode);
        Assert.Equal(op, value.Operator);
        Assert.False(value.HasFilter);
    }

    [Fact]
    public void TryDecode_SequenceRange_ReadsBothOperands()
    {
        byte[] bytes = Convert.FromHexString("0104010A001400");

        Assert.True(RacpDecoder.TryDecode(bytes, 0, bytes.Length, out RacpValue value, out _));
        Assert.Equal(RacpFilterType.SequenceNumber, value.FilterType);
        Assert.Equal(10, value.MinimumSequence);
        Assert.Equal(20, value.MaximumSequence);
    }

    [Fact]
    public void TryDecode_TimeFilter_ReadsADateTime()
    {
        byte[] bytes = Convert.FromHexString("010202E807011E053A1B");

        Assert.True(RacpDecoder.TryDecode(bytes, 0, bytes.Length, out RacpValue value, out _));
        Assert.Equal(RacpOperator.LessThanOrEqual, value.Operator);
        Assert.Equal(new DeviceTime(2024, 1, 30, 5, 58, 27), value.MinimumTime);
    }

    [Theory]
    [InlineData("01", "opcode", DecodeStatus.TooShort)]
    [InlineData("0701", "opcode", DecodeStatus.UnknownCode)]
    [InlineData("0107", "operator", DecodeStatus.UnknownCode)]
    [InlineData("0100", "operator", DecodeStatus.Inconsistent)]
    [InlineData("0301", "operator", DecodeStatus.Inconsistent)]
    [InlineData("0103", "filterType", DecodeStatus.TooShort)]
    [InlineData("010303", "filterType", DecodeStatus.UnknownCode)]
    [InlineData("0103012D", "operand", DecodeStatus.TooShort)]
    [InlineData("0104011400", "operand", DecodeStatus.TooShort)]
    [InlineData("0104011400 0A00", "operand", DecodeStatus.Inconsistent)]
    [InlineData("0500", "numberOfRecords", DecodeStatus.TooShort)]
    public void TryDecode_Malformed_NamesTheFieldADeviceWouldAnswerFor(string hex, string field, DecodeStatus status)
    {
        byte[] bytes = Convert.FromHexString(hex.Replace(" ", string.Empty));

        Assert.False(RacpDecoder.TryDecode(bytes, 0, bytes.Length, out RacpValue value, out DecodeFailure failure));
        Assert.Null(value);
        Assert.Equal(field, failure.Field);
        Assert.Equal(status, failure.Status);
    }

    [Theory]
    [InlineData("0101")]
    [InlineData("0103012D00")]
    [InlineData("0202010A00")]
    [InlineData("0104010A001400")]
    [InlineData("040402E807011E053A1BE807011F053A1B")]
    [InlineData("0300")]
    [InlineData("05000201")]
    [InlineData("06000401")]
    public void DecodeThenEncode_GivesTheSameBytes(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.True(RacpDecoder.TryDecode(bytes, 0, bytes.Length, out RacpValue value, out _));
        Assert.Equal(hex, Convert.ToHexString(RacpEncoder.Encode(value)));
    }

    [Theory]
    [InlineData("06000100", 0)]
    [InlineData("0600010A", 10)]
    [InlineData("060001FF", 255)]
    public void ResponseCode_TheSpecificationReserves_DecodesWithTheRawCode_MarkedReserved(string hex, int code)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.True(RacpDecoder.TryDecode(bytes, 0, bytes.Length, out RacpValue value, out _));
        Assert.Equal(RacpOpcode.ReportStoredRecords, value.RequestOpcode);
        Assert.Equal(code, (int)value.ResponseCode);
        Assert.True(value.IsReservedResponseCode);
    }

    [Theory]
    [InlineData("06000101")]
    [InlineData("06000109")]
    public void ResponseCode_TheSpecificationDefines_IsNotReserved(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.True(RacpDecoder.TryDecode(bytes, 0, bytes.Length, out RacpValue value, out _));
        Assert.False(value.IsReservedResponseCode);
    }
}
