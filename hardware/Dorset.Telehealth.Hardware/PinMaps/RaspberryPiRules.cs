using System.Collections.Generic;

namespace Dorset.Telehealth.Hardware.PinMaps;

/// <summary>
/// The Raspberry Pi 40-pin header in BCM numbering: GPIO 2-27 only (0 and 1 are the HAT ID EEPROM bus); 2 and 3 are
/// I2C1, taken by the real-time clock; 14 and 15 are the UART (serial console, UPS HATs).
/// </summary>
public sealed class RaspberryPiRules : IBoardRules
{
    public IEnumerable<string> Check(PinAssignment pin)
    {
        int gpio = pin.Gpio;
        if (gpio < 2 || gpio > 27)
        {
            yield return "is outside BCM GPIO 2-27";
        }
        else if (gpio is 2 or 3)
        {
            yield return "is I2C1 (SDA/SCL), used by the real-time clock";
        }
        else if (gpio is 14 or 15)
        {
            yield return "is the UART (TXD/RXD)";
        }
    }
}
