namespace Dorset.Telehealth.Hardware.Wiring;

/// <summary>The two boxes' drawings: which map, which SVG, and the notes printed under the pins.</summary>
public static class BoxDrawings
{
    public static readonly (string Map, string Svg, string Title, string[] Notes)[] All =
    [
        ("home-unit.pins.json", "home-unit.wiring.svg", "Home unit (ESP32-WROOM-32E)",
        [
            "RGB LED: common cathode to GND, one 330 Ω resistor per colour.",
            "Buttons: momentary, to GND; the internal pull-ups hold the inputs high.",
            "Power: USB-C 5 V to the DevKitC's 5V pin; the module's 3V3 regulator feeds the ESP32.",
        ]),
        ("gateway.pins.json", "gateway.wiring.svg", "Hub gateway (Raspberry Pi 4 Model B)",
        [
            "BCM numbering. DS3231 RTC on I2C1: SDA BCM 2 (pin 3), SCL BCM 3 (pin 5), 3V3 (pin 1), GND (pin 9).",
            "Buzzer: 5 V active buzzer switched by an NPN transistor (2N2222), 1 kΩ base resistor, flyback diode.",
            "LEDs: 330 Ω each to GND. UART (BCM 14/15) left free for a UPS HAT or console.",
        ]),
    ];
}
