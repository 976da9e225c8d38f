namespace Dorset.Telehealth.HomeUnit.Indicators
{
    /// <summary>
    /// The home unit's default pins, the firmware's copy of hardware/home-unit.pins.json (ESP32 GPIO numbers). The ESP32
    /// adapters open these; a test fails if they and the map ever disagree.
    /// </summary>
    public static class HomeUnitPins
    {
        /// <summary>RGB status LED, red (active high).</summary>
        public const int StatusLedRed = 25;

        /// <summary>RGB status LED, green (active high).</summary>
        public const int StatusLedGreen = 26;

        /// <summary>RGB status LED, blue (active high).</summary>
        public const int StatusLedBlue = 27;

        /// <summary>Pairing button to GND, internal pull-up (active low).</summary>
        public const int PairingButton = 32;

        /// <summary>Reset/factory button to GND, internal pull-up (active low); held 10 s it clears pairing and config.</summary>
        public const int ResetButton = 33;
    }
}
