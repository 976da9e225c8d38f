using System.Device.Gpio;
using Dorset.Telehealth.HomeUnit.Esp32.Adapters;

namespace Dorset.Telehealth.HomeUnit.Esp32
{
    /// <summary>
    /// The ESP32 entry point: only composition. The loop is <see cref="HomeUnitRuntime"/>, the one the emulator and the
    /// tests run; a bad config or CA ends in its fault state (solid red), never in a boot loop.
    /// </summary>
    public static class Program
    {
        // Held for the life of the app: the buttons' pins raise their events only while something references them.
        private static UnitButtons buttons;

        /// <summary>Starts the unit; never returns.</summary>
        public static void Main()
        {
            var gpio = new GpioController();
            var runtime = new HomeUnitRuntime(new Esp32Platform(gpio), UnitTimings.ForDevice());
            buttons = new UnitButtons(gpio, runtime);
            runtime.Run(Forever);
        }

        private static bool Forever()
        {
            return true;
        }
    }
}
