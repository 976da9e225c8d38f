using System.CommandLine;

namespace Dorset.Telehealth.Emulator.Commands;

/// <summary>The emulator's verbs.</summary>
public static class EmulatorCommandLine
{
    /// <summary>The root command with every verb attached.</summary>
    public static RootCommand Build()
    {
        return new RootCommand("Dorset Telehealth emulator: decode BLE health values and uplink frames, run virtual home units.")
        {
            DecodeCommand.Create(),
            UnitCommand.Create(),
            FleetCommand.Create(),
        };
    }
}
