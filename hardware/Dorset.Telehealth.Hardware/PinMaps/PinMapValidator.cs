using System.Collections.Generic;
using System.Linq;

namespace Dorset.Telehealth.Hardware.PinMaps;

/// <summary>
/// Checks a pin map against its board's rules. Every problem names the pin and the rule, e.g.
/// "status-led-red: GPIO 12 is a strapping pin (boot mode); the unit may not boot".
/// </summary>
public static class PinMapValidator
{
    public static IReadOnlyList<string> Validate(PinMap map)
    {
        var problems = new List<string>();
        IBoardRules? rules = BoardRules.For(map.Board);
        if (rules == null)
        {
            problems.Add($"board '{map.Board}' is unknown (known: {string.Join(", ", BoardRules.Known)})");
            return problems;
        }

        foreach (var clash in map.Pins.GroupBy(p => p.Gpio).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", clash.Select(p => p.Name))}: GPIO {clash.Key} is used more than once");
        }

        foreach (var name in map.Pins.GroupBy(p => p.Name).Where(g => g.Count() > 1))
        {
            problems.Add($"{name.Key}: the role is assigned more than once");
        }

        foreach (PinAssignment pin in map.Pins)
        {
            if (pin.Direction == PinDirection.Output && pin.Pull != PinPull.None)
            {
                problems.Add($"{pin.Name}: an output has no pull resistor");
            }

            problems.AddRange(rules.Check(pin).Select(reason => $"{pin.Name}: GPIO {pin.Gpio} {reason}"));
        }

        return problems;
    }
}
