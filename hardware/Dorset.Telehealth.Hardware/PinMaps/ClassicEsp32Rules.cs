using System.Collections.Generic;

namespace Dorset.Telehealth.Hardware.PinMaps;

/// <summary>
/// The classic ESP32 (ESP32-D0WD in the WROOM-32E module): strapping pins 0, 2, 5, 12, 15 decide the boot mode and
/// flash voltage; 6-11 are wired to the module's SPI flash; 1 and 3 are UART0 (nanoff flashes and logs through it);
/// 34-39 are input-only and have no internal pull resistors.
/// </summary>
public sealed class ClassicEsp32Rules : IBoardRules
{
    public IEnumerable<string> Check(PinAssignment pin)
    {
        int gpio = pin.Gpio;
        if (gpio < 0 || gpio > 39 || gpio is 20 or 24 or (>= 28 and <= 31))
        {
            yield return "does not exist on a classic ESP32";
            yield break;
        }

        if (gpio is 0 or 2 or 5 or 12 or 15)
        {
            yield return "is a strapping pin (boot mode); the unit may not boot";
        }

        if (gpio is >= 6 and <= 11)
        {
            yield return "is wired to the module's SPI flash";
        }

        if (gpio is 1 or 3)
        {
            yield return "is UART0, used for flashing and logs";
        }

        if (gpio is >= 34 and <= 39)
        {
            if (pin.Direction == PinDirection.Output)
            {
                yield return "is input-only and cannot drive an output";
            }

            if (pin.Pull != PinPull.None)
            {
                yield return "has no internal pull resistor (use an external one and pull none)";
            }
        }
    }
}
