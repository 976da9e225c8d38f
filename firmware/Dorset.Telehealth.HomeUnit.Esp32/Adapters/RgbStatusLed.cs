using System.Device.Gpio;
using System.Threading;
using Dorset.Telehealth.HomeUnit.Indicators;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary>
    /// The RGB status LED on <see cref="HomeUnitPins"/>: each <see cref="LedState"/> has its colour and pattern
    /// (hardware/README.md "Status LED"), stepped by a 100 ms timer.
    /// </summary>
    public sealed class RgbStatusLed : IStatusLed
    {
        private readonly GpioPin red;
        private readonly GpioPin green;
        private readonly GpioPin blue;
        private readonly Timer timer;
        private LedState state = LedState.Starting;
        private int tick;

        /// <summary>Opens the three pins and starts the pattern timer.</summary>
        public RgbStatusLed(GpioController gpio)
        {
            red = gpio.OpenPin(HomeUnitPins.StatusLedRed, PinMode.Output);
            green = gpio.OpenPin(HomeUnitPins.StatusLedGreen, PinMode.Output);
            blue = gpio.OpenPin(HomeUnitPins.StatusLedBlue, PinMode.Output);
            timer = new Timer(Step, null, 0, 100);
        }

        /// <inheritdoc/>
        public void Show(LedState newState)
        {
            if (newState != state)
            {
                state = newState;
                tick = 0;
            }
        }

        private void Step(object unused)
        {
            int phase = tick++ % 20;
            switch (state)
            {
                case LedState.Fault: Set(true, false, false); break;
                case LedState.Starting: Set(phase < 10, phase < 10, phase < 10); break;
                case LedState.NoWifi: Set(phase < 10, phase < 10, false); break;
                case LedState.NoHub: bool on = phase < 2 || (phase >= 4 && phase < 6); Set(on, on, false); break;
                case LedState.ReadingReceived: bool flash = tick <= 6 && tick % 2 == 1; Set(false, flash, false); break;
                case LedState.Backlog: Set(false, false, phase < 10); break;
                default: Set(false, true, false); break;
            }
        }

        private void Set(bool r, bool g, bool b)
        {
            red.Write(r ? PinValue.High : PinValue.Low);
            green.Write(g ? PinValue.High : PinValue.Low);
            blue.Write(b ? PinValue.High : PinValue.Low);
        }
    }
}
