using System;

namespace Dorset.Telehealth.Fuzz;

/// <summary>
/// An entry point answered without throwing but broke its own contract (e.g. refused without a reason, or decoded
/// differently at another offset). Thrown by a target so that afl counts it as a crash like any other exception.
/// </summary>
public sealed class ContractViolation : Exception
{
    /// <summary>Creates the violation.</summary>
    public ContractViolation(string message)
        : base(message)
    {
    }
}
