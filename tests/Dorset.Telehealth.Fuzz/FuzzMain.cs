using System;
using System.IO;
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

        FuzzTarget target;
        try
        {
            target = FuzzTargets.Create(args[0]);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        try
        {
            if (args.Length > 1)
            {
                return Replay(target, args[1..]);
            }

            Fuzzer.Run(stream =>
            {
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
