using System.CommandLine;
using System.Globalization;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;

namespace Dorset.Telehealth.Cloud.Cli;

/// <summary>`gateways add|revoke|list`: the hub gateways allowed to post readings.</summary>
public static class GatewaysCommands
{
    /// <summary>Builds the `gateways` verb.</summary>
    public static Command Create(CliOutput output)
    {
        var gateways = new Command("gateways", "Hub gateways allowed to post readings.");
        gateways.Subcommands.Add(Add(output));
        gateways.Subcommands.Add(CredentialVerbs.Revoke(output, "gateway", "Revoke a gateway: its secret is refused from the next request on.",
            (store, id, cancel) => store.RevokeGatewayAsync(id, cancel)));
        gateways.Subcommands.Add(List(output));
        return gateways;
    }

    private static Command Add(CliOutput output)
    {
        var id = new Option<string>("--id") { Description = "The gateway id, e.g. gw-wareham.", Required = true };
        var hub = new Option<string>("--hub") { Description = "The hub the gateway serves, e.g. wareham.", Required = true };
        var add = new Command("add", "Register a gateway and print its secret once.") { id, hub };
        new CommonOptions().SetAction(add, output, async (parse, open, cancel) =>
        {
            string gatewayId = parse.GetValue(id)!;
            string hubName = parse.GetValue(hub)!;
            if (!CredentialVerbs.IsValidId(gatewayId) || !CredentialVerbs.IsValidId(hubName))
            {
                throw new RegistryException($"--id and --hub must be {CredentialVerbs.IdRule}");
            }

            string secret = BearerSecret.New(BearerSecret.GatewayPrefix);
            ICloudStore store = await open();
            await store.AddGatewayAsync(gatewayId, hubName, BearerSecret.Hash(secret), cancel);
            output.Out.WriteLine($"Gateway {gatewayId} added for hub {hubName}.");
            CredentialVerbs.PrintSecretOnce(output, secret, "Put it in the gateway's ForwardingOptions as the bearer secret:");
        });
        return add;
    }

    private static Command List(CliOutput output)
    {
        var list = new Command("list", "List gateways.");
        new CommonOptions().SetAction(list, output, async (parse, open, cancel) =>
        {
            ICloudStore store = await open();
            output.Out.WriteLine($"{"id",-24} {"hub",-20} {"created",-22} revoked");
            foreach (GatewayRecord g in await store.ListGatewaysAsync(cancel))
            {
                output.Out.WriteLine($"{g.Id,-24} {g.Hub,-20} {g.CreatedAt.UtcDateTime,-22:yyyy-MM-dd HH:mm:ss} {(g.RevokedAt.HasValue ? g.RevokedAt.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-")}");
            }
        });
        return list;
    }
}
