using System;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace Dorset.Telehealth.Fuzz;

/// <summary>
/// `Dorset.Telehealth.Fuzz &lt;target&gt;` runs the target under afl-fuzz (SharpFuzz's fork server, in-process: one
/// input after another in this process); `Dorset.Telehealth.Fuzz &lt;target&gt; &lt;file&gt;...` runs files once each
/// without afl, e.g. to reproduce a crash; `--list` prints the targets.
/// </summary>
public static class FuzzMain
{
    /// <summary>The entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--list")
        {
            Console.WriteLine(string.Join(Environment.NewLine, FuzzTargets.Names));
            return 0;
        }

        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Dorset.Telehealth.Fuzz <target> [file...] | --list");
            return 2;
        }

        if (!FuzzTargets.Names.Contains(args[0]))
        {
            Console.Error.WriteLine($"no fuzz target '{args[0]}' (targets: {string.Join(", ", FuzzTargets.Names)})");
            return 2;
        }

        FuzzTarget? target = null;
        try
        {
            if (args.Length > 1)
            {
                target = FuzzTargets.Create(args[0]);
                return Replay(target, args[1..]);
            }

            // Instrumented code may run only inside Fuzzer.Run, which maps afl's coverage memory first; a target that
            // builds a store (the gateway's host) is therefore created on the first input, not before.
            Fuzzer.Run(stream =>
            {
                target ??= FuzzTargets.Create(args[0]);
                using var input = new MemoryStream();
                stream.CopyTo(input);
                target.Run(input.ToArray());
            });
            return 0;
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }
    }

    private static int Replay(FuzzTarget target, string[] files)
    {
        int crashes = 0;
        foreach (string file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"ok {file}");
            }
            catch (Exception ex)
            {
                crashes++;
                Console.WriteLine($"CRASH {file}: {ex}");
            }
        }

        return crashes == 0 ? 0 : 1;
    }
}
