namespace Dorset.Telehealth.Fuzz;

/// <summary>
/// One entry point under fuzz. <see cref="Run"/> returns normally when the input was accepted or refused in the
/// documented way (README.md "Contracts"); any exception it lets out is a crash.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name on the command line and the corpus folder (corpus/&lt;name&gt;).</summary>
    public abstract string Name { get; }

    /// <summary>Feeds one input to the entry point.</summary>
    public abstract void Run(byte[] input);
}
