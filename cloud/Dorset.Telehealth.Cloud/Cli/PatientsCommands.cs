using System.CommandLine;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;

namespace Dorset.Telehealth.Cloud.Cli;

/// <summary>`patients add`: patients, identified by NHS number.</summary>
public static class PatientsCommands
{
    /// <summary>Builds the `patients` verb.</summary>
    public static Command Create(CliOutput output)
    {
        var patients = new Command("patients", "Patients, identified by NHS number.");
        patients.Subcommands.Add(Add(output));
        return patients;
    }

    private static Command Add(CliOutput output)
    {
        var nhsOption = new Option<string>("--nhs-number") { Description = "10 digits with a modulus-11 check digit (spaces allowed).", Required = true };
        var name = new Option<string>("--name") { Description = "The patient's name.", Required = true };
        var add = new Command("add", "Register a patient.") { nhsOption, name };
        new CommonOptions().SetAction(add, output, async (parse, open, cancel) =>
        {
            if (!NhsNumber.TryNormalise(parse.GetValue(nhsOption), out string nhs, out string why))
            {
                throw new RegistryException($"invalid NHS number '{parse.GetValue(nhsOption)}': {why}");
            }

            string patientName = parse.GetValue(name)!.Trim();
            if (patientName.Length == 0)
            {
                throw new RegistryException("--name must not be empty");
            }

            ICloudStore store = await open();
            await store.AddPatientAsync(nhs, patientName, cancel);
            output.Out.WriteLine($"Patient {nhs} added.");
        });
        return add;
    }
}
