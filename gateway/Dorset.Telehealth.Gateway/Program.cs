using Dorset.Telehealth.Gateway.Apis;
using Dorset.Telehealth.Gateway.Cli;
using Dorset.Telehealth.Gateway.Extensions;
using Microsoft.AspNetCore.Builder;

if (GatewayCommandLine.IsCliVerb(args))
{
    return GatewayCommandLine.Run(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddGatewayDefaults(args);
builder.AddBroker();
builder.AddStoreAndForward();
builder.AddAlerting();
builder.AddGpio();
builder.AddConsole();

var app = builder.Build();
app.UseConsole();
app.MapDefaultEndpoints();
app.MapReadingsApi();
app.MapUnitsApi();
app.MapProvisioningApi();
app.MapAlertsApi();
return app.RunOrExplain();
