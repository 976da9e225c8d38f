namespace Dorset.Telehealth.Hardware.PinMaps;

/// <summary>One pin of a map: its role, GPIO number (ESP32 GPIO or Raspberry Pi BCM), direction, polarity and pull.</summary>
public sealed record PinAssignment(string Name, int Gpio, PinDirection Direction, bool ActiveLow, PinPull Pull);
