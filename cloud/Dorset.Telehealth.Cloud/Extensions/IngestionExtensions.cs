using System;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Diagnostics;
using Dorset.Telehealth.Cloud.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud.Extensions;

/// <summary>Bearer authentication with a policy per role, and the per-gateway posts limit of the batch API (readings: also <see cref="Apis.ReadingsRateLimiter"/>).</summary>
public static class IngestionExtensions
{
    /// <summary>The authorisation policy of the batch API: an unrevoked gateway secret.</summary>
    public const string GatewayPolicy = "gateway";

    /// <summary>The authorisation policy of the FHIR API: a SMART token within its scopes, or an unrevoked FHIR reader secret (<see cref="Smart.FhirAccessRequirement"/>).</summary>
    public const string ReaderPolicy = "fhir-reader";

    /// <summary>The rate-limiter policy of the batch endpoint.</summary>
    public const string PerGatewayPolicy = "per-gateway";

    /// <summary>Registers the bearer scheme, a policy per role, and the per-gateway token bucket.</summary>
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicy, p => p.RequireRole(BearerAuthenticationHandler.GatewayRole))
            .AddPolicy(ReaderPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new Smart.FhirAccessRequirement()));
        builder.Services.AddSingleton<Apis.IngestionServices>();
        builder.Services.AddSingleton<Apis.ReadingsRateLimiter>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, cancel) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<CloudMetrics>().Refused(429);
                int seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                // The reason in the body: the gateway logs it, and an empty 429 read as a fault of unknown cause.
                IngestionOptions limits = context.HttpContext.RequestServices.GetRequiredService<IOptions<IngestionOptions>>().Value;
                return new ValueTask(context.HttpContext.Response.WriteAsync(
                    $"rate limited: this gateway is over its {limits.RateLimitPerMinute} posts a minute (burst {limits.RateLimitBurst}); retry after {seconds} s", cancel));
            };
            o.AddPolicy(PerGatewayPolicy, context =>
            {
                // The limiter runs after authentication, so each gateway has its own bucket; a hub cannot starve another.
                string? gateway = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
                if (gateway == null)
                {
                    return RateLimitPartition.GetNoLimiter("unauthenticated");
                }

                IngestionOptions limits = context.RequestServices.GetRequiredService<IOptions<IngestionOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(gateway, _ => BucketOf(limits.RateLimitPerMinute, limits.RateLimitBurst));
            });
        });
        return builder;
    }

    /// <summary>The FHIR read API's services.</summary>
    public static IHostApplicationBuilder AddFhir(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Apis.FhirServices>();
        return builder;
    }

    /// <summary>Problem details for failures, authentication, authorisation, then the rate limiter (which needs the authenticated gateway).</summary>
    public static WebApplication UseCloudPipeline(this WebApplication app)
    {
        // A store outage anywhere (including the credential lookup) is 503, which the gateway retries, never a 401
        // or 500 that it would treat as a configuration fault.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is System.Data.Common.DbException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A token bucket of <paramref name="burst"/> refilling <paramref name="perMinute"/> a minute, never queueing.</summary>
    public static TokenBucketRateLimiterOptions BucketOf(int perMinute, int burst)
    {
        // A timer period below 100 ms costs more than it smooths: above 600/min refill in 100 ms steps.
        bool fast = perMinute > 600;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = fast ? perMinute / 600 : 1,
            ReplenishmentPeriod = fast ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(60.0 / perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
