using System.Collections.Generic;

namespace Dorset.Telehealth.Hardware.PinMaps;

/// <summary>The boards the maps may name.</summary>
public static class BoardRules
{
    private static readonly Dictionary<string, IBoardRules> Boards = new()
    {
        ["esp32-wroom-32e"] = new ClassicEsp32Rules(),
        ["esp32-devkitc-v4"] = new ClassicEsp32Rules(),
        ["raspberry-pi-4b"] = new RaspberryPiRules(),
        ["raspberry-pi-5"] = new RaspberryPiRules(),
    };

    public static IEnumerable<string> Known => Boards.Keys;

    public static IBoardRules? For(string board) => Boards.TryGetValue(board, out IBoardRules? rules) ? rules : null;
}
