using System;

namespace Dorset.Telehealth.HomeUnit.Tests.Simulation;

/// <summary>Thrown by <see cref="SimulatedFlash"/> at the moment the simulated power goes off.</summary>
public sealed class PowerCutException : Exception
{
    public PowerCutException()
        : base("power cut")
    {
    }
}
