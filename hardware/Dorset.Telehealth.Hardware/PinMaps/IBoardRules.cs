using System.Collections.Generic;

namespace Dorset.Telehealth.Hardware.PinMaps;

/// <summary>What a board forbids for a pin; each reason completes "GPIO n ...".</summary>
public interface IBoardRules
{
    IEnumerable<string> Check(PinAssignment pin);
}
