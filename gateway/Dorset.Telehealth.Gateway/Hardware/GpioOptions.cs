using System.ComponentModel.DataAnnotations;

namespace Dorset.Telehealth.Gateway.Hardware;

/// <summary>
/// LEDs, buzzer and button (appsettings section "GpioOptions"). Pin numbers are BCM GPIO numbers (not header pin
/// numbers). They come from the hardware pin map when <see cref="PinMapPath"/> exists, else from these defaults, which
/// gateway/README.md "GPIO" documents with their header positions.
/// </summary>
public sealed class GpioOptions
{
    /// <summary>False: never touch GPIO (the outputs are simulated).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The machine-readable pin map of the hardware guide; relative paths are resolved from the working directory.</summary>
    public string? PinMapPath { get; set; } = "hardware/gateway.pins.json";

    /// <summary>Green LED: the broker is accepting connections (BCM 17, header pin 11).</summary>
    [Range(0, 63)]
    public int BrokerLedPin { get; set; } = 17;

    /// <summary>Blue LED: the last post to the cloud succeeded (BCM 27, header pin 13).</summary>
    [Range(0, 63)]
    public int CloudLedPin { get; set; } = 27;

    /// <summary>Red LED: a red alert is sounding or the disk alarm is on (BCM 22, header pin 15).</summary>
    [Range(0, 63)]
    public int AlertLedPin { get; set; } = 22;

    /// <summary>Active buzzer: sounds on a new red alert until silenced (BCM 23, header pin 16).</summary>
    [Range(0, 63)]
    public int BuzzerPin { get; set; } = 23;

    /// <summary>Push button to ground, internal pull-up: silences the buzzer (BCM 24, header pin 18).</summary>
    [Range(0, 63)]
    public int ButtonPin { get; set; } = 24;
}
