using System;
using System.Text;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.DeviceInformation;

namespace Dorset.Telehealth.Protocol.Tests.DeviceInformation;

public class DeviceInformationTests
{
    [Fact]
    public void String_EndsAtTheFirstNul()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("Roche\0\0\0");

        Assert.True(DeviceInformationString.TryDecode(bytes, 0, bytes.Length, out string text, out _));
        Assert.Equal("Roche", text);
    }

    [Fact]
    public void String_LongerThanTheLimit_IsRefused()
    {
        byte[] bytes = new byte[DeviceInformationString.MaxBytes + 1];

        Assert.False(DeviceInformationString.TryDecode(bytes, 0, bytes.Length, out _, out DecodeFailure failure));
        Assert.Equal(DecodeStatus.TooLong, failure.Status);
    }

    [Fact]
    public void SystemId_SplitsManufacturerIdentifierAndOui()
    {
        byte[] bytes = Convert.FromHexString("0102030405ABCDEF");

        Assert.True(SystemId.TryDecode(bytes, 0, bytes.Length, out SystemId id, out _));
        Assert.Equal(0x0504030201L, id.ManufacturerIdentifier);
        Assert.Equal(0xEFCDAB, id.OrganizationallyUniqueIdentifier);
        Assert.Equal("0102030405ABCDEF", Convert.ToHexString(id.Encode()));
    }

    [Fact]
    public void SystemId_Short_Fails()
    {
        Assert.False(SystemId.TryDecode(new byte[7], 0, 7, out _, out DecodeFailure failure));
        Assert.Equal("systemId need 8 bytes, got 7", failure.Message);
    }
}
