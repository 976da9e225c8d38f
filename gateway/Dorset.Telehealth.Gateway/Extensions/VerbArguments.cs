using System;
using System.Collections.Generic;
using System.Linq;

namespace Dorset.Telehealth.Hosting;

/// <summary>
/// The one rule, for the gateway and the cloud binaries, that tells a verb's command line from the service's host
/// settings (`--key value` or `--key=value`, as the host reads them). A bare word anywhere goes to the verb parser, so a
/// verb after the shared flags runs that verb and a mistyped one is refused, instead of either starting the service.
/// A verb's name is never read as a flag's value: `--bogus status` is a verb with an unknown option, not a setting.
/// </summary>
/// <param name="verbs">The binary's top-level verbs.</param>
/// <param name="sharedFlags">The flags every verb and the host accept, the only ones that may come before a verb.</param>
public sealed class VerbArguments(IReadOnlyCollection<string> verbs, IReadOnlyCollection<string> sharedFlags)
{
    private static readonly string[] s_helpAndVersion = { "--help", "-h", "-?", "--version" };

    /// <summary>True unless every argument is a host setting.</summary>
    public bool IsVerb(string[] args) => FirstWord(args) >= 0 || args.Any(a => s_helpAndVersion.Contains(a, StringComparer.Ordinal));

    /// <summary>
    /// The arguments with the flags before the first bare word moved after the rest: the parser takes a verb's options
    /// only after the verb, and `--data-dir X status` is how the shared flags are often typed.
    /// </summary>
    public string[] VerbFirst(string[] args)
    {
        int first = FirstWord(args);
        return first <= 0 ? args : [.. args[first..], .. args[..first]];
    }

    /// <summary>The one line refusing a flag before the verb that is not a shared one, or null when there is none.</summary>
    public string? UnknownFlagBeforeVerb(string[] args)
    {
        int first = FirstWord(args);
        foreach (string arg in first < 0 ? args : args[..first])
        {
            string name = arg.Split('=', 2)[0];
            if (arg.StartsWith('-') && !sharedFlags.Contains(name, StringComparer.Ordinal) && !s_helpAndVersion.Contains(name, StringComparer.Ordinal))
            {
                string verb = first < 0 ? "verb" : $"verb '{args[first]}'";
                return $"unknown option '{name}' before the {verb} (only {string.Join(", ", sharedFlags)} may come first)";
            }
        }

        return null;
    }

    // The index of the first argument that is neither a flag nor a flag's value (a flag without '=' takes the next
    // argument, as the host's command-line configuration reads it, unless that is a verb); -1 when there is none.
    private int FirstWord(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith('-'))
            {
                return i;
            }

            if (!args[i].Contains('=', StringComparison.Ordinal) && !s_helpAndVersion.Contains(args[i], StringComparer.Ordinal)
                && !(i + 1 < args.Length && verbs.Contains(args[i + 1], StringComparer.Ordinal)))
            {
                i++;
            }
        }

        return -1;
    }
}
