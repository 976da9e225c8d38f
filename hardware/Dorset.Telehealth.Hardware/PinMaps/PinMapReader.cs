using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Dorset.Telehealth.Hardware.PinMaps;

/// <summary>
/// Reads a pin map: {"board": "...", "pins": [{"name", "gpio", "direction": "input"|"output", "activeLow", "pull"}]}.
/// A malformed map is refused with the path of the bad field (e.g. "pins[2].direction must be input or output").
/// </summary>
public static class PinMapReader
{
    public static PinMap ReadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static PinMap Parse(string json, string source)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        string board = root.TryGetProperty("board", out JsonElement b) && b.ValueKind == JsonValueKind.String
            ? b.GetString()! : throw new FormatException($"{source}: board is missing");
        if (!root.TryGetProperty("pins", out JsonElement pins) || pins.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{source}: pins must be an array");
        }

        var list = new List<PinAssignment>();
        int index = 0;
        foreach (JsonElement pin in pins.EnumerateArray())
        {
            string at = $"{source}: pins[{index++}]";
            string name = pin.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new FormatException($"{at}.name is missing");
            int gpio = pin.TryGetProperty("gpio", out JsonElement g) && g.TryGetInt32(out int number) ? number : throw new FormatException($"{at}.gpio must be an integer");
            PinDirection direction = (pin.TryGetProperty("direction", out JsonElement d) ? d.GetString() : null) switch
            {
                "input" => PinDirection.Input,
                "output" => PinDirection.Output,
                _ => throw new FormatException($"{at}.direction must be input or output"),
            };
            bool activeLow = pin.TryGetProperty("activeLow", out JsonElement a) && a.ValueKind == JsonValueKind.True;
            PinPull pull = (pin.TryGetProperty("pull", out JsonElement p) ? p.GetString() : "none") switch
            {
                "up" => PinPull.Up,
                "down" => PinPull.Down,
                "none" => PinPull.None,
                _ => throw new FormatException($"{at}.pull must be up, down or none"),
            };
            if (direction == PinDirection.Input && !pin.TryGetProperty("pull", out _))
            {
                throw new FormatException($"{at}.pull is required for an input (up, down or none)");
            }

            list.Add(new PinAssignment(name, gpio, direction, activeLow, pull));
        }

        return new PinMap(board, list);
    }
}
