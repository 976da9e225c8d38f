using System;
using System.IO;
using Dorset.Telehealth.Hardware.PinMaps;

namespace Dorset.Telehealth.Gateway.Hardware;

/// <summary>
/// Applies the hardware pin map (hardware/gateway.pins.json, format in hardware/README.md) over the defaults of
/// <see cref="GpioOptions"/>: roles broker-led, cloud-led, alert-led, buzzer, silence-button. The map is validated
/// against its board's rules first; an invalid map drives no pin at all, because a wrong pin could be the clock's I2C bus.
/// </summary>
public static class PinMap
{
    /// <summary>The options with the map's pins; <paramref name="source"/> says where they came from.</summary>
    /// <exception cref="InvalidOperationException">The map exists but is malformed or breaks a board rule.</exception>
    public static GpioOptions Apply(GpioOptions options, out string source)
    {
        source = "defaults (gateway/README.md)";
        if (string.IsNullOrEmpty(options.PinMapPath) || !File.Exists(options.PinMapPath))
        {
            return options;
        }

        Dorset.Telehealth.Hardware.PinMaps.PinMap map;
        try
        {
            map = PinMapReader.ReadFile(options.PinMapPath);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw new InvalidOperationException($"pin map {options.PinMapPath} is malformed: {e.Message}", e);
        }

        var problems = PinMapValidator.Validate(map);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"pin map {options.PinMapPath} is invalid: {string.Join("; ", problems)}");
        }

        source = Path.GetFullPath(options.PinMapPath);
        return new GpioOptions
        {
            Enabled = options.Enabled,
            PinMapPath = options.PinMapPath,
            BrokerLedPin = map.Find("broker-led")?.Gpio ?? options.BrokerLedPin,
            CloudLedPin = map.Find("cloud-led")?.Gpio ?? options.CloudLedPin,
            AlertLedPin = map.Find("alert-led")?.Gpio ?? options.AlertLedPin,
            BuzzerPin = map.Find("buzzer")?.Gpio ?? options.BuzzerPin,
            ButtonPin = map.Find("silence-button")?.Gpio ?? options.ButtonPin,
        };
    }
}
