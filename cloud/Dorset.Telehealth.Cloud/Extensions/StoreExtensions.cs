using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud.Extensions;

/// <summary>Registers the store chosen by <see cref="CloudStoreOptions"/> and creates its schema at start.</summary>
public static class StoreExtensions
{
    /// <summary>
    /// Adds <see cref="ICloudStore"/>, each of its concerns as its own service, and the schema initialiser. The
    /// concerns resolve to the one store, so a host that replaces <see cref="ICloudStore"/> replaces them all.
    /// </summary>
    public static IHostApplicationBuilder AddCloudStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => CloudStoreFactory.Create(sp.GetRequiredService<IOptions<CloudStoreOptions>>().Value));
        builder.Services.AddSingleton<ICloudRegistry>(sp => sp.GetRequiredService<ICloudStore>());
        builder.Services.AddSingleton<ICloudIngestion>(sp => sp.GetRequiredService<ICloudStore>());
        builder.Services.AddSingleton<IFhirQueries>(sp => sp.GetRequiredService<ICloudStore>());
        builder.Services.AddSingleton<ISmartClients>(sp => sp.GetRequiredService<ICloudStore>());
        builder.Services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<ICloudStore>());
        builder.Services.AddHostedService<SchemaInitialiser>();
        return builder;
    }

    /// <summary>Creates the schema before the first request (hosted services start before the server listens).</summary>
    private sealed class SchemaInitialiser : IHostedService
    {
        private readonly ICloudStore _store;
        private readonly IOptions<CloudStoreOptions> _options;
        private readonly ILogger<SchemaInitialiser> _logger;

        public SchemaInitialiser(ICloudStore store, IOptions<CloudStoreOptions> options, ILogger<SchemaInitialiser> logger)
        {
            _store = store;
            _options = options;
            _logger = logger;
        }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await _store.EnsureSchemaAsync(cancellationToken);
            _logger.LogInformation("Store ready: {Store}", CloudStoreFactory.Describe(_options.Value));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
