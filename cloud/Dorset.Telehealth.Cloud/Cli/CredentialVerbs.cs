using System;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Storage;

namespace Dorset.Telehealth.Cloud.Cli;

/// <summary>What the verbs that manage credentials (gateways, readers, SMART clients) share: ids, the secret shown once, revoke.</summary>
public static class CredentialVerbs
{
    /// <summary>The one rule for gateway, reader and client ids.</summary>
    public const string IdRule = "1..64 characters of A-Z a-z 0-9 . _ -";

    /// <summary>True when <paramref name="text"/> follows <see cref="IdRule"/>.</summary>
    public static bool IsValidId(string text) =>
        text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Prints a new secret with how to use it; the store keeps only its hash, so this is the only time it is seen.</summary>
    public static void PrintSecretOnce(CliOutput output, string secret, string use)
    {
        output.Out.WriteLine("Its secret follows. It is shown only this once; the cloud keeps only its SHA-256.");
        output.Out.WriteLine(use);
        output.Out.WriteLine(secret);
    }

    /// <summary>`gateways revoke ID`, `readers revoke ID`, `clients revoke ID`.</summary>
    public static Command Revoke(CliOutput output, string noun, string description, Func<ICloudStore, string, CancellationToken, Task<bool>> revoke)
    {
        var id = new Argument<string>("id") { Description = $"The {noun} id." };
        var command = new Command("revoke", description) { id };
        new CommonOptions().SetAction(command, output, async (parse, open, cancel) =>
        {
            string value = parse.GetValue(id)!;
            if (!await revoke(await open(), value, cancel))
            {
                throw new RegistryException($"no {noun} '{value}'");
            }

            output.Out.WriteLine($"{char.ToUpperInvariant(noun[0])}{noun[1..]} {value} revoked.");
        });
        return command;
    }
}
