using System.Globalization;
using System.Text;
using Dorset.Telehealth.Hardware.PinMaps;

namespace Dorset.Telehealth.Hardware.Wiring;

/// <summary>
/// Draws a box's wiring as SVG straight from its pin map, so the drawing cannot drift from the map: one row per pin,
/// from the board's GPIO to the part, with the series resistor or the pull and the return to ground.
/// </summary>
public static class WiringDiagram
{
    private const int RowHeight = 56;
    private const int Top = 90;

    public static string Render(PinMap map, string title, string[] notes)
    {
        int height = Top + (map.Pins.Count * RowHeight) + 40 + (notes.Length * 20);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"{height}\" viewBox=\"0 0 760 {height}\" font-family=\"sans-serif\" font-size=\"13\">\n");
        svg.Append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"20\" y=\"30\" font-size=\"18\" font-weight=\"bold\">{Escape(title)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"20\" y=\"52\" fill=\"#555\">board {Escape(map.Board)} - generated from the pin map; do not edit by hand</text>\n");
        int boardHeight = (map.Pins.Count * RowHeight) + 10;
        svg.Append(CultureInfo.InvariantCulture, $"  <rect x=\"20\" y=\"{Top - 20}\" width=\"170\" height=\"{boardHeight}\" rx=\"8\" fill=\"#e8f0fe\" stroke=\"#1a73e8\"/>\n");
        for (int i = 0; i < map.Pins.Count; i++)
        {
            PinAssignment pin = map.Pins[i];
            int y = Top + (i * RowHeight) + 10;
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"32\" y=\"{y + 4}\">GPIO {pin.Gpio}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <circle cx=\"190\" cy=\"{y}\" r=\"4\" fill=\"#1a73e8\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <line x1=\"190\" y1=\"{y}\" x2=\"330\" y2=\"{y}\" stroke=\"black\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"200\" y=\"{y - 6}\" fill=\"#555\">{Escape(Via(pin))}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <rect x=\"330\" y=\"{y - 16}\" width=\"230\" height=\"32\" rx=\"6\" fill=\"{Fill(pin)}\" stroke=\"black\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"340\" y=\"{y + 4}\">{Escape(pin.Name)}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <line x1=\"560\" y1=\"{y}\" x2=\"620\" y2=\"{y}\" stroke=\"black\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"628\" y=\"{y + 4}\">GND</text>\n");
        }

        int noteY = Top + (map.Pins.Count * RowHeight) + 30;
        foreach (string note in notes)
        {
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"20\" y=\"{noteY}\" fill=\"#333\">{Escape(note)}</text>\n");
            noteY += 20;
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Via(PinAssignment pin) => pin.Direction == PinDirection.Output
        ? pin.Name.Contains("buzzer", System.StringComparison.Ordinal) ? "NPN + 1 kΩ base" : "330 Ω"
        : pin.Pull == PinPull.Up ? "pull-up, active low" : pin.Pull == PinPull.Down ? "internal pull-down" : "external 10 kΩ";

    private static string Fill(PinAssignment pin) => pin.Direction == PinDirection.Input ? "#fef7e0"
        : pin.Name.Contains("red", System.StringComparison.Ordinal) || pin.Name.Contains("alert", System.StringComparison.Ordinal) ? "#fce8e6"
        : pin.Name.Contains("blue", System.StringComparison.Ordinal) ? "#e8f0fe" : "#e6f4ea";

    private static string Escape(string text) => text.Replace("&", "&amp;", System.StringComparison.Ordinal).Replace("<", "&lt;", System.StringComparison.Ordinal).Replace(">", "&gt;", System.StringComparison.Ordinal);
}
