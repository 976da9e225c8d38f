using Dorset.Telehealth.Cloud.Registry;

namespace Dorset.Telehealth.Cloud.Tests.Registry;

public sealed class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919", "9434765919")]
    [InlineData("943 476 5919", "9434765919")]
    [InlineData("4010232137", "4010232137")]
    [InlineData("4010232110", "4010232110")] // 11 - (sum mod 11) = 11 -> check digit 0
    public void TryNormalise_ValidNumber_ReturnsTenDigits(string text, string expected)
    {
        Assert.True(NhsNumber.TryNormalise(text, out string normalised, out string reason), reason);
        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData("9434765918", "check digit is 8, modulus 11 of the first nine digits requires 9")]
    [InlineData("943476591", "an NHS number has 10 digits, got 9 characters")]
    [InlineData("94347659190", "an NHS number has 10 digits, got 11 characters")]
    [InlineData("94347659A9", "an NHS number has only digits, found 'A' at position 9")]
    [InlineData("1000000010", "no valid check digit exists for these first nine digits (modulus 11 gives 10)")]
    [InlineData("", "an NHS number has 10 digits, got 0 characters")]
    public void TryNormalise_InvalidNumber_FalseWithReason(string text, string reason)
    {
        Assert.False(NhsNumber.TryNormalise(text, out _, out string actual));
        Assert.Equal(reason, actual);
    }
}
