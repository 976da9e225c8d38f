using System.Linq;
using Dorset.Telehealth.Hardware.PinMaps;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Hardware.Tests;

public sealed class PinMapValidatorTests
{
    [Theory]
    [InlineData("hardware/home-unit.pins.json")]
    [InlineData("hardware/gateway.pins.json")]
    public void RepositoryMap_IsValidForItsBoard(string path)
    {
        PinMap map = PinMapReader.ReadFile(RepositoryPaths.Combine(path));

        Assert.Empty(PinMapValidator.Validate(map));
        Assert.NotEmpty(map.Pins);
    }

    [Theory]
    [InlineData("esp32-wroom-32e", 12, "output", "up", "GPIO 12 is a strapping pin")]
    [InlineData("esp32-wroom-32e", 0, "input", "up", "GPIO 0 is a strapping pin")]
    [InlineData("esp32-wroom-32e", 7, "output", "none", "GPIO 7 is wired to the module's SPI flash")]
    [InlineData("esp32-wroom-32e", 1, "output", "none", "GPIO 1 is UART0")]
    [InlineData("esp32-wroom-32e", 3, "input", "up", "GPIO 3 is UART0")]
    [InlineData("esp32-wroom-32e", 35, "output", "none", "GPIO 35 is input-only and cannot drive an output")]
    [InlineData("esp32-wroom-32e", 36, "input", "up", "GPIO 36 has no internal pull resistor")]
    [InlineData("esp32-wroom-32e", 40, "output", "none", "GPIO 40 does not exist")]
    [InlineData("raspberry-pi-4b", 2, "output", "none", "GPIO 2 is I2C1 (SDA/SCL), used by the real-time clock")]
    [InlineData("raspberry-pi-4b", 3, "input", "up", "GPIO 3 is I2C1")]
    [InlineData("raspberry-pi-4b", 14, "output", "none", "GPIO 14 is the UART")]
    [InlineData("raspberry-pi-4b", 28, "output", "none", "GPIO 28 is outside BCM GPIO 2-27")]
    [InlineData("raspberry-pi-5", 1, "input", "up", "GPIO 1 is outside BCM GPIO 2-27")]
    public void BadPin_FailsNamingThePinAndTheRule(string board, int gpio, string direction, string pull, string reason)
    {
        string json = $$"""{"board":"{{board}}","pins":[{"name":"bad-pin","gpio":{{gpio}},"direction":"{{direction}}","pull":"{{(direction == "input" ? pull : "none")}}"}]}""";

        var problems = PinMapValidator.Validate(PinMapReader.Parse(json, "test"));

        Assert.Contains(problems, p => p.StartsWith("bad-pin: ", System.StringComparison.Ordinal) && p.Contains(reason, System.StringComparison.Ordinal));
    }

    [Fact]
    public void PinUsedTwice_Fails()
    {
        const string json = """{"board":"raspberry-pi-4b","pins":[{"name":"a","gpio":17,"direction":"output"},{"name":"b","gpio":17,"direction":"output"}]}""";

        Assert.Equal(["a and b: GPIO 17 is used more than once"], PinMapValidator.Validate(PinMapReader.Parse(json, "test")));
    }

    [Fact]
    public void UnknownBoard_Fails()
    {
        const string json = """{"board":"arduino-uno","pins":[]}""";

        Assert.StartsWith("board 'arduino-uno' is unknown", Assert.Single(PinMapValidator.Validate(PinMapReader.Parse(json, "test"))));
    }

    [Theory]
    [InlineData("""{"pins":[]}""", "test: board is missing")]
    [InlineData("""{"board":"raspberry-pi-4b","pins":[{"name":"x","gpio":4,"direction":"sideways"}]}""", "test: pins[0].direction must be input or output")]
    [InlineData("""{"board":"raspberry-pi-4b","pins":[{"name":"x","gpio":4,"direction":"input"}]}""", "test: pins[0].pull is required for an input (up, down or none)")]
    public void MalformedMap_IsRefusedNamingTheField(string json, string message)
    {
        var error = Assert.Throws<System.FormatException>(() => PinMapReader.Parse(json, "test"));

        Assert.Equal(message, error.Message);
    }
}
