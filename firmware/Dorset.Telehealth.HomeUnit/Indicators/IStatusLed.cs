namespace Dorset.Telehealth.HomeUnit.Indicators
{
    /// <summary>The RGB status LED (GPIO on the ESP32, a console line in the emulator).</summary>
    public interface IStatusLed
    {
        /// <summary>Shows <paramref name="state"/> until told otherwise.</summary>
        void Show(LedState state);
    }
}
