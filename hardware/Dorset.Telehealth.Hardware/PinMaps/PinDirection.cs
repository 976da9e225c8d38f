namespace Dorset.Telehealth.Hardware.PinMaps;

/// <summary>"input" or "output".</summary>
public enum PinDirection
{
    Input,
    Output,
}
