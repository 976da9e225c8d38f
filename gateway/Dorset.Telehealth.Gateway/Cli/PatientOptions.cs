using System.CommandLine;
using Dorset.Telehealth.Gateway.Provisioning;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>Who a new unit is for: the options `units add` and `provision` share.</summary>
public sealed class PatientOptions
{
    /// <summary>--patient-ref.</summary>
    public Option<string?> PatientRef { get; } = new("--patient-ref") { Description = "The patient reference this unit belongs to (e.g. the hub's case number)." };

    /// <summary>--patient-name.</summary>
    public Option<string?> DisplayName { get; } = new("--patient-name") { Description = "The name hub staff know the patient by (with --patient-ref; up to 100 characters)." };

    /// <summary>--nhs-number.</summary>
    public Option<string?> NhsNumber { get; } = new("--nhs-number") { Description = "The patient's NHS number, 10 digits, spaces allowed (with --patient-ref; checked by modulus 11)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(PatientRef);
        command.Options.Add(DisplayName);
        command.Options.Add(NhsNumber);
    }

    /// <summary>The request for <paramref name="unitId"/> with what was given.</summary>
    public UnitRequest Request(ParseResult parse, string unitId) =>
        new(unitId, parse.GetValue(PatientRef), parse.GetValue(DisplayName), parse.GetValue(NhsNumber));
}
