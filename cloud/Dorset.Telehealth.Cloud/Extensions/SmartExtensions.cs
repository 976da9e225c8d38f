using System;
using Dorset.Telehealth.Cloud.Audit;
using Dorset.Telehealth.Cloud.Smart;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Dorset.Telehealth.Cloud.Extensions;

/// <summary>SMART Backend Services (token endpoint, smart-configuration, scopes) and the audit of FHIR access (issue 16 §3, §4).</summary>
public static class SmartExtensions
{
    /// <summary>Registers the options, the assertion validator, the audit writer and the clock they share.</summary>
    public static IHostApplicationBuilder AddSmartBackendServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmartOptions>().BindConfiguration(nameof(SmartOptions)).ValidateDataAnnotations().ValidateOnStart();
        // Tests replace it with a FakeTimeProvider to expire tokens and assertions without waiting.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ClientAssertionValidator>();
        builder.Services.AddSingleton<FhirAuditWriter>();
        return builder;
    }

    /// <summary>Maps POST /auth/token and the smart-configuration document.</summary>
    public static IEndpointRouteBuilder MapSmartApi(this IEndpointRouteBuilder app)
    {
        app.MapSmartToken();
        app.MapSmartConfiguration();
        return app;
    }
}
