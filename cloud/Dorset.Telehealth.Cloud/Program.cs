using System;
using Dorset.Telehealth.Cloud.Apis;
using Dorset.Telehealth.Cloud.Cli;
using Dorset.Telehealth.Cloud.Extensions;
using Dorset.Telehealth.Hosting;
using Microsoft.AspNetCore.Builder;

if (CloudCommandLine.IsCliVerb(args))
{
    return await CloudCommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCloudDefaults(args);
builder.AddCloudStore();
builder.AddIngestion();
builder.AddFhir();
builder.AddSmartBackendServices();
builder.AddSubscriptions();

var app = builder.Build();
if (app.ListensOverHttp() && ListenerPreflight.FirstTaken(ListenerPreflight.Http(app.Configuration["urls"])) is { } taken)
{
    Console.Error.WriteLine($"cloud not started: {taken}");
    return ListenerPreflight.PortInUseExitCode;
}

app.UseCloudPipeline();
app.MapDefaultEndpoints();
app.MapIngestionApi();
app.MapAlertsApi();
app.MapFhirApi();
app.MapSmartApi();
await app.RunAsync();
return 0;
