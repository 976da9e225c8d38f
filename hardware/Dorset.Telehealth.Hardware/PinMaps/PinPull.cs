namespace Dorset.Telehealth.Hardware.PinMaps;

/// <summary>An input's internal resistor: "up", "down" or "none" (outputs have none).</summary>
public enum PinPull
{
    None,
    Up,
    Down,
}
