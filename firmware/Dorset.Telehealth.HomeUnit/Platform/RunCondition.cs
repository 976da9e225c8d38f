namespace Dorset.Telehealth.HomeUnit.Platform
{
    /// <summary>Asked before each turn of <see cref="HomeUnitRuntime.Run"/>: false ends the loop (the ESP32 never says so).</summary>
    public delegate bool RunCondition();
}
