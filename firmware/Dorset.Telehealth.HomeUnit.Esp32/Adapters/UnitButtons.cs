using System;
using System.Device.Gpio;
using Dorset.Telehealth.HomeUnit.Indicators;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary>
    /// The pairing and reset buttons (hardware/home-unit.pins.json). Their events arrive on the GPIO thread, so they
    /// only hand the press to the runtime, which acts on it between device sessions: starting pairing from here once
    /// raced a session for the radio.
    /// </summary>
    public sealed class UnitButtons
    {
        private const int FactoryResetHoldMilliseconds = 10000;
        private readonly GpioPin pairing;
        private readonly GpioPin reset;
        private readonly HomeUnitRuntime runtime;
        private long resetPressedAt = long.MaxValue;

        /// <summary>Opens both buttons (to GND, internal pull-ups) and forwards their presses to <paramref name="runtime"/>.</summary>
        public UnitButtons(GpioController gpio, HomeUnitRuntime runtime)
        {
            this.runtime = runtime;
            pairing = Open(gpio, HomeUnitPins.PairingButton);
            pairing.ValueChanged += OnPairing;
            reset = Open(gpio, HomeUnitPins.ResetButton);
            reset.ValueChanged += OnReset;
        }

        private static GpioPin Open(GpioController gpio, int pin)
        {
            GpioPin button = gpio.OpenPin(pin, PinMode.InputPullUp);
            button.DebounceTimeout = TimeSpan.FromMilliseconds(50);
            return button;
        }

        private void OnPairing(object sender, PinValueChangedEventArgs e)
        {
            if (e.ChangeType == PinEventTypes.Falling)
            {
                runtime.PressPairingButton();
            }
        }

        private void OnReset(object sender, PinValueChangedEventArgs e)
        {
            // Held 10 s: a factory reset (config and device progress go; the outbox keeps unsent readings).
            if (e.ChangeType == PinEventTypes.Falling)
            {
                resetPressedAt = Environment.TickCount64;
            }
            else if (Environment.TickCount64 - resetPressedAt >= FactoryResetHoldMilliseconds)
            {
                runtime.RequestFactoryReset();
            }
        }
    }
}
