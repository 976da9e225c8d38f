using System;
using System.IO;
using System.Text.Json;

namespace Dorset.Telehealth.Gateway.Hardware;

/// <summary>
/// Reads the hardware pin map (hardware/gateway.pins.json) over the defaults of <see cref="GpioOptions"/>. Accepted
/// shape: an object whose properties (at the top level, or under "pins") name a role and give a BCM number, either
/// directly or as an object with "bcm"/"gpio": brokerLed, cloudLed, alertLed, buzzer, button.
/// </summary>
public static class PinMap
{
    /// <summary>The options with any pins the map names replaced; <paramref name="source"/> says where they came from.</summary>
    public static GpioOptions Apply(GpioOptions options, out string source)
    {
        source = "defaults (gateway/README.md)";
        if (string.IsNullOrEmpty(options.PinMapPath) || !File.Exists(options.PinMapPath))
        {
            return options;
        }

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(options.PinMapPath));
        JsonElement root = doc.RootElement;
        if (root.TryGetProperty("pins", out JsonElement pins) && pins.ValueKind == JsonValueKind.Object)
        {
            root = pins;
        }

        var result = new GpioOptions
        {
            Enabled = options.Enabled,
            PinMapPath = options.PinMapPath,
            BrokerLedPin = Pin(root, options.BrokerLedPin, "brokerLed", "broker_led", "ledBroker"),
            CloudLedPin = Pin(root, options.CloudLedPin, "cloudLed", "cloud_led", "ledCloud"),
            AlertLedPin = Pin(root, options.AlertLedPin, "alertLed", "alert_led", "ledAlert"),
            BuzzerPin = Pin(root, options.BuzzerPin, "buzzer"),
            ButtonPin = Pin(root, options.ButtonPin, "button", "silenceButton", "silence_button"),
        };
        source = Path.GetFullPath(options.PinMapPath);
        return result;
    }

    private static int Pin(JsonElement root, int fallback, params string[] names)
    {
        foreach (JsonProperty property in root.EnumerateObject())
        {
            foreach (string name in names)
            {
                if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                JsonElement value = property.Value;
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int direct))
                {
                    return direct;
                }

                if (value.ValueKind == JsonValueKind.Object)
                {
                    foreach (string key in new[] { "bcm", "gpio", "pin" })
                    {
                        if (value.TryGetProperty(key, out JsonElement inner) && inner.ValueKind == JsonValueKind.Number && inner.TryGetInt32(out int nested))
                        {
                            return nested;
                        }
                    }
                }
            }
        }

        return fallback;
    }
}
