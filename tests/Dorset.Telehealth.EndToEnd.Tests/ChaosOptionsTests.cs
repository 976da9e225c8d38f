using Dorset.Telehealth.Chaos;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>The chaos harness's command line: what it accepts, and one line naming the option for what it refuses.</summary>
public sealed class ChaosOptionsTests
{
    [Fact]
    public void EveryOption_IsRead()
    {
        ChaosOptions? options = ChaosOptions.Parse(["--minutes", "30", "--store", "sqlite", "--seed", "7", "--units", "60"], out string? problem);

        Assert.Null(problem);
        Assert.Equal(new ChaosOptions(30, "sqlite", 7, 60), options);
    }

    [Theory]
    [InlineData(new[] { "--store", "sqlite" }, "--minutes is required; " + ChaosOptions.Usage)]
    [InlineData(new[] { "--minutes", "0" }, "--minutes must be a number of minutes above 0, at most 1440")]
    [InlineData(new[] { "--minutes", "3", "--store", "oracle" }, "--store must be postgres or sqlite")]
    [InlineData(new[] { "--minutes", "3", "--units", "many" }, "--units must be 1..1000")]
    [InlineData(new[] { "--minutes", "3", "--kills", "9" }, "unknown option --kills; " + ChaosOptions.Usage)]
    public void BadInput_IsOneLineNamingTheOption(string[] args, string line)
    {
        Assert.Null(ChaosOptions.Parse(args, out string? problem));
        Assert.Equal(line, problem);
    }
}
