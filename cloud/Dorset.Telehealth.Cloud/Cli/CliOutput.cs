using System.IO;

namespace Dorset.Telehealth.Cloud.Cli;

/// <summary>Where verbs write (console, or a test's writers).</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record CliOutput(TextWriter Out, TextWriter Error);
