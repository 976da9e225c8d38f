using System;
using Dorset.Telehealth.Gateway.Patients;

namespace Dorset.Telehealth.Gateway.Tests.Patients;

/// <summary>
/// NHS Digital's modulus 11 check. The valid numbers were worked by hand: 9434765919 (weighted sum 299, 299 mod 11 =
/// 2, 11 - 2 = 9), 4010232137 (sum 92, mod 11 = 4, check 7) and 9990000050 (sum 253, mod 11 = 0, 11 becomes 0).
/// </summary>
public sealed class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919", "9434765919")]
    [InlineData("943 476 5919", "9434765919")]
    [InlineData(" 943476 5919 ", "9434765919")]
    [InlineData("4010232137", "4010232137")]
    [InlineData("9990000050", "9990000050")]
    public void Parse_ValidNumber_GivesItsTenDigits(string input, string digits)
    {
        Assert.Equal(digits, NhsNumber.Parse(input, out string? problem));
        Assert.Null(problem);
    }

    [Theory]
    // One digit mistyped: the check digit no longer matches.
    [InlineData("9434765918", "its check digit is wrong")]
    [InlineData("9434765929", "its check digit is wrong")]
    // Two neighbours swapped, the mistake modulus 11 is made to catch.
    [InlineData("9434765991", "its check digit is wrong")]
    // 11 - (sum mod 11) = 0 is written 0, so 11 never stands as a check digit: 9990000051 is wrong.
    [InlineData("9990000051", "its check digit is wrong")]
    // Weighted sum 243, mod 11 = 1, check 10: no NHS number starts 999000000, whatever the tenth digit.
    [InlineData("9990000000", "no NHS number starts with those nine digits")]
    [InlineData("9990000001", "no NHS number starts with those nine digits")]
    [InlineData("943476591", "must be 10 digits, not 9")]
    [InlineData("94347659190", "must be 10 digits, not 11")]
    [InlineData("", "must be 10 digits, not 0")]
    [InlineData("943476591X", "not letters or other characters")]
    [InlineData("943-476-5919", "not letters or other characters")]
    [InlineData("９４３４７６５９１９", "not letters or other characters")]
    public void Parse_InvalidNumber_IsRefusedSayingWhy(string input, string reason)
    {
        Assert.Null(NhsNumber.Parse(input, out string? problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.StartsWith("NHS number ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_IsThreeThreeFour()
    {
        Assert.Equal("943 476 5919", NhsNumber.Format("9434765919"));
    }
}
