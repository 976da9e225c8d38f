using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Dorset.Telehealth.Cloud.Smart;
using Dorset.Telehealth.Cloud.Storage;

namespace Dorset.Telehealth.Cloud.Cli;

/// <summary>
/// `clients add|revoke|list`: clinical systems that authenticate with SMART Backend Services (issue 16 §3), each with
/// its public key set and the system scopes it may be granted. The cloud never sees a client's private key.
/// </summary>
public static class ClientsCommands
{
    /// <summary>Builds the `clients` verb.</summary>
    public static Command Create(CliOutput output)
    {
        var clients = new Command("clients", "SMART Backend Services clients: a JWKS of public keys and the system scopes each may be granted.");
        clients.Subcommands.Add(Add(output));
        clients.Subcommands.Add(CredentialVerbs.Revoke(output, "client", "Revoke a SMART client: its assertions and every token issued to it are refused from the next request on.",
            (store, id, cancel) => store.RevokeSmartClientAsync(id, DateTimeOffset.UtcNow, cancel)));
        clients.Subcommands.Add(List(output));
        return clients;
    }

    private static Command Add(CliOutput output)
    {
        var id = new Option<string>("--id") { Description = "The client_id, e.g. dorset-care-record: the iss and sub of its assertions.", Required = true };
        var name = new Option<string>("--name") { Description = "Who the client is, e.g. \"Dorset Care Record\".", Required = true };
        var jwks = new Option<FileInfo>("--jwks") { Description = "A file holding the client's JSON Web Key Set (public keys only; RSA 2048+ or EC P-384).", Required = true };
        var scopes = new Option<string>("--scopes")
        {
            Description = "The SMART v2 system scopes it may be granted, space-separated, e.g. \"system/Observation.rs system/Patient.r\".",
            Required = true,
        };
        var add = new Command("add", "Register a SMART client.") { id, name, jwks, scopes };
        new CommonOptions().SetAction(add, output, async (parse, open, cancel) =>
        {
            string clientId = parse.GetValue(id)!;
            string who = parse.GetValue(name)!.Trim();
            if (!CredentialVerbs.IsValidId(clientId) || who.Length is 0 or > 200)
            {
                throw new RegistryException($"--id must be {CredentialVerbs.IdRule} and --name 1..200 characters");
            }

            SmartScopeSet allowed = SmartScopeSet.Parse(parse.GetValue(scopes), out IReadOnlyList<string> unsupported);
            if (unsupported.Count > 0 || allowed.IsEmpty)
            {
                throw new RegistryException($"--scopes must be SMART v2 system scopes such as system/Observation.rs (letters of cruds in order, a FHIR R4 resource type or *); not supported: {string.Join(' ', unsupported)}");
            }

            FileInfo file = parse.GetValue(jwks)!;
            if (!file.Exists)
            {
                throw new RegistryException($"--jwks: no file {file.FullName}");
            }

            string json = await File.ReadAllTextAsync(file.FullName, cancel);
            if (ClientJwks.Problem(json) is { } problem)
            {
                throw new RegistryException($"--jwks {file.Name}: {problem}");
            }

            ICloudStore store = await open();
            await store.AddSmartClientAsync(clientId, who, json, allowed.ToString(), DateTimeOffset.UtcNow, cancel);
            output.Out.WriteLine($"Client {clientId} ({who}) added; it may be granted: {allowed}.");
            output.Out.WriteLine("It signs its client assertions (RS384 or ES384) with its private key; aud is this cloud's token endpoint, /auth/token.");
        });
        return add;
    }

    private static Command List(CliOutput output)
    {
        var list = new Command("list", "List SMART clients and the scopes each may be granted.");
        new CommonOptions().SetAction(list, output, async (parse, open, cancel) =>
        {
            ICloudStore store = await open();
            output.Out.WriteLine($"{"id",-24} {"created",-20} {"revoked",-20} scopes");
            foreach (SmartClientRecord c in await store.ListSmartClientsAsync(cancel))
            {
                string revoked = c.RevokedAt.HasValue ? c.RevokedAt.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";
                output.Out.WriteLine($"{c.Id,-24} {c.CreatedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss} {revoked,-20} {c.AllowedScopes}");
            }
        });
        return list;
    }
}
