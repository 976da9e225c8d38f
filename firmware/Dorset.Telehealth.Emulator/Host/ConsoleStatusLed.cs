using System.IO;
using Dorset.Telehealth.HomeUnit.Indicators;

namespace Dorset.Telehealth.Emulator.Host;

/// <summary>The status LED as a line on stderr whenever it changes (quiet unless asked, for fleets).</summary>
public sealed class ConsoleStatusLed(string unitId, TextWriter? output) : IStatusLed
{
    private LedState? _shown;

    public void Show(LedState state)
    {
        if (_shown != state)
        {
            _shown = state;
            output?.WriteLine($"{unitId}: LED {state}");
        }
    }
}
