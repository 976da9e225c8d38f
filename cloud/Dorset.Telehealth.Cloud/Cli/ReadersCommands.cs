using System.CommandLine;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;

namespace Dorset.Telehealth.Cloud.Cli;

/// <summary>
/// `readers add|revoke`: FHIR readers holding a shared secret, the credential before SMART Backend Services
/// (`clients`); kept working until revoked (cloud/README.md "Moving a reader to SMART").
/// </summary>
public static class ReadersCommands
{
    /// <summary>Builds the `readers` verb.</summary>
    public static Command Create(CliOutput output)
    {
        var readers = new Command("readers", "Clinical systems and staff allowed to read the FHIR API with a shared secret (see `clients` for SMART).");
        readers.Subcommands.Add(Add(output));
        readers.Subcommands.Add(CredentialVerbs.Revoke(output, "reader", "Revoke a FHIR reader: its secret is refused from the next request on.",
            (store, id, cancel) => store.RevokeReaderAsync(id, cancel)));
        return readers;
    }

    private static Command Add(CliOutput output)
    {
        var readerId = new Option<string>("--id") { Description = "The reader id, e.g. dch-ehr.", Required = true };
        var readerName = new Option<string>("--name") { Description = "Who or what reads, e.g. \"Dorset County Hospital EHR\".", Required = true };
        var add = new Command("add", "Register a FHIR reader and print its secret once.") { readerId, readerName };
        new CommonOptions().SetAction(add, output, async (parse, open, cancel) =>
        {
            string id = parse.GetValue(readerId)!;
            string who = parse.GetValue(readerName)!.Trim();
            if (!CredentialVerbs.IsValidId(id) || who.Length is 0 or > 200)
            {
                throw new RegistryException($"--id must be {CredentialVerbs.IdRule} and --name 1..200 characters");
            }

            string secret = BearerSecret.New(BearerSecret.ReaderPrefix);
            ICloudStore store = await open();
            await store.AddReaderAsync(id, who, BearerSecret.Hash(secret), cancel);
            output.Out.WriteLine($"Reader {id} ({who}) added.");
            CredentialVerbs.PrintSecretOnce(output, secret, "Send it as 'Authorization: Bearer <secret>' with every /fhir request:");
        });
        return add;
    }
}
