using System.Collections.Generic;
using System.Linq;

namespace Dorset.Telehealth.Hardware.PinMaps;

/// <summary>A box's pin map: the board it is for and its pins (hardware/*.pins.json).</summary>
public sealed record PinMap(string Board, IReadOnlyList<PinAssignment> Pins)
{
    /// <summary>The pin with this role, or null.</summary>
    public PinAssignment? Find(string name) => Pins.FirstOrDefault(p => p.Name == name);
}
