using Dorset.Telehealth.Hardware.PinMaps;
using Dorset.Telehealth.HomeUnit.Indicators;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Hardware.Tests;

/// <summary>The firmware's compiled-in pins are the home-unit map's: change one, and this fails until the other follows.</summary>
public sealed class FirmwarePinDefaultsTests
{
    [Theory]
    [InlineData("status-led-red", HomeUnitPins.StatusLedRed)]
    [InlineData("status-led-green", HomeUnitPins.StatusLedGreen)]
    [InlineData("status-led-blue", HomeUnitPins.StatusLedBlue)]
    [InlineData("pairing-button", HomeUnitPins.PairingButton)]
    [InlineData("reset-button", HomeUnitPins.ResetButton)]
    public void FirmwareDefault_IsTheMapsPin(string role, int firmwareGpio)
    {
        PinMap map = PinMapReader.ReadFile(RepositoryPaths.Combine("hardware/home-unit.pins.json"));

        Assert.Equal(map.Find(role)?.Gpio, firmwareGpio);
    }
}
