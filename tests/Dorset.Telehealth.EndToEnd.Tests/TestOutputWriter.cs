using System.IO;
using System.Text;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>A <see cref="TextWriter"/> whose lines go to the test's output, for code that logs to a writer (the chaos run).</summary>
public sealed class TestOutputWriter(ITestOutputHelper output) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void WriteLine(string? value) => output.WriteLine(value ?? string.Empty);
}
