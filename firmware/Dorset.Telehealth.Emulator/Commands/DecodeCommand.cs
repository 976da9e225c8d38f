using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using Dorset.Telehealth.Emulator.Decoding;

namespace Dorset.Telehealth.Emulator.Commands;

/// <summary>
/// `decode &lt;characteristic&gt; &lt;hex&gt;`, `decode frame &lt;hex&gt;` and `decode -` (lines from stdin).
/// One JSON object per value on stdout; a malformed value is exit code 2 with one line on stderr naming the field.
/// </summary>
public static class DecodeCommand
{
    /// <summary>Exit code for input that does not decode.</summary>
    public const int MalformedExitCode = 2;

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var characteristic = new Argument<string>("characteristic")
        {
            Description = "A name (" + ValueDecoder.KnownNames() + "), a 16-bit UUID such as 2A18, or - to read '<characteristic> <hex>' lines from stdin.",
        };
        var hex = new Argument<string[]>("hex")
        {
            Description = "The value's bytes in hex; spaces and colons are ignored.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("decode", "Decode a BLE health characteristic value or an uplink frame into JSON.")
        {
            characteristic,
            hex,
        };
        command.SetAction(parseResult =>
        {
            string name = parseResult.GetValue(characteristic)!;
            string hexText = string.Join(' ', parseResult.GetValue(hex) ?? []);
            return name == "-" ? DecodeLines(Console.In, Console.Out) : DecodeOne(name, hexText, Console.Out, Console.Error);
        });
        return command;
    }

    private static int DecodeOne(string name, string hexText, TextWriter stdout, TextWriter stderr)
    {
        string? json = ValueDecoder.TryDecodeToJson(name, hexText, out string? error);
        if (json == null)
        {
            stderr.WriteLine(error);
            return MalformedExitCode;
        }

        stdout.WriteLine(json);
        return 0;
    }

    // A bad line becomes {"characteristic": ..., "error": ...} so that a batch run carries on past it.
    private static int DecodeLines(TextReader stdin, TextWriter stdout)
    {
        string? line;
        while ((line = stdin.ReadLine()) != null)
        {
            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            int space = line.IndexOfAny([' ', '\t']);
            string name = space < 0 ? line : line[..space];
            string hexText = space < 0 ? string.Empty : line[(space + 1)..];
            string? json = ValueDecoder.TryDecodeToJson(name, hexText, out string? error);
            if (json == null)
            {
                using var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartObject();
                    writer.WriteString("characteristic", name);
                    writer.WriteString("error", error);
                    writer.WriteEndObject();
                }

                json = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            }

            stdout.WriteLine(json);
        }

        return 0;
    }
}
