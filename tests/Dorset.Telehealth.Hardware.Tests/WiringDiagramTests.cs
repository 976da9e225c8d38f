using System;
using System.IO;
using Dorset.Telehealth.Hardware.PinMaps;
using Dorset.Telehealth.Hardware.Wiring;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Hardware.Tests;

/// <summary>
/// The committed SVGs must be exactly what the generator draws from the committed maps. After changing a map, run the
/// tests once with DORSET_WRITE_WIRING=1 to redraw them.
/// </summary>
public sealed class WiringDiagramTests
{
    public static TheoryData<int> Boxes() => new(0, 1);

    [Theory]
    [MemberData(nameof(Boxes))]
    public void CommittedDrawing_MatchesItsPinMap(int box)
    {
        var (map, svg, title, notes) = BoxDrawings.All[box];
        string expected = WiringDiagram.Render(PinMapReader.ReadFile(RepositoryPaths.Combine("hardware/" + map)), title, notes);
        string path = RepositoryPaths.Combine("hardware/" + svg);
        if (Environment.GetEnvironmentVariable("DORSET_WRITE_WIRING") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{svg} is missing: run the tests with DORSET_WRITE_WIRING=1");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void Drawing_ShowsEveryPinOfTheMap()
    {
        PinMap map = PinMapReader.ReadFile(RepositoryPaths.Combine("hardware/home-unit.pins.json"));

        string svg = WiringDiagram.Render(map, "t", []);

        Assert.All(map.Pins, p => Assert.Contains($">GPIO {p.Gpio}<", svg, StringComparison.Ordinal));
        Assert.All(map.Pins, p => Assert.Contains($">{p.Name}<", svg, StringComparison.Ordinal));
    }
}
