using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Extensions;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Contract;

/// <summary>
/// The per-gateway readings bucket and the limits checked on start (cloud/README.md "Rate limits"), each on a cloud of
/// its own so that one test's spent bucket is no other's. The refill is one reading a minute: nothing in a test's
/// span comes back, so what it sees is what the bucket held.
/// </summary>
public sealed class IngestionLimitsTests
{
    private static CloudApp Start(TempDirectory dir, Action<IngestionOptions> limits) => new(o =>
    {
        o.DataDirectory = dir.Path;
        o.PostgresConnectionString = null;
    }, limits);

    private static async Task<(string Gateway, string Secret, string Unit)> ArrangeAsync(CloudApp app)
    {
        string hub = CloudApp.Unique("hub");
        (string gateway, string secret) = await app.AddGatewayAsync(hub);
        string unit = CloudApp.Unique("unit");
        await app.Store.AssignUnitAsync(unit, await app.AddPatientAsync(), DateTimeOffset.UnixEpoch, hub);
        return (gateway, secret, unit);
    }

    private static JsonObject[] Weights(string unit, int from, int count) => Enumerable.Range(from, count).Select(i => Batches.Weight(unit, i)).ToArray();

    [Fact]
    public async Task PostBatch_ReadingsBucketCountsReadingsNotPosts_ABatchItCannotCoverIs429WithRetryAfter_AndNothingOfItStored()
    {
        using var dir = new TempDirectory();
        await using CloudApp app = Start(dir, o => (o.MaxBatchReadings, o.ReadingsBurst, o.ReadingsPerMinute) = (10, 10, 1));
        var (gateway, secret, unit) = await ArrangeAsync(app);

        var (first, _) = await app.PostAsync(secret, gateway, Weights(unit, 1, 6));
        using HttpResponseMessage refused = await app.PostBatchAsync(secret, Batches.Body(gateway, Weights(unit, 7, 5)));
        string reason = await refused.Content.ReadAsStringAsync();
        long storedAfterRefusal = (await app.Store.CountReadingsAsync()).Total;
        var (last, body) = await app.PostAsync(secret, gateway, Weights(unit, 7, 4));

        Assert.Equal(200, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "a 429 says when to come back");
        Assert.Contains("over its 1 readings a minute (burst 10)", reason, StringComparison.Ordinal);
        Assert.Equal(6, storedAfterRefusal);
        Assert.Equal(200, last);
        Assert.Equal(4, Batches.Keys(body!, "accepted").Length);
    }

    [Fact]
    public async Task PostBatch_OneGatewaysSpentBucket_LeavesAnotherGatewaysWhole()
    {
        using var dir = new TempDirectory();
        await using CloudApp app = Start(dir, o => (o.MaxBatchReadings, o.ReadingsBurst, o.ReadingsPerMinute) = (10, 10, 1));
        var (spent, spentSecret, spentUnit) = await ArrangeAsync(app);
        var (other, otherSecret, otherUnit) = await ArrangeAsync(app);
        await app.PostAsync(spentSecret, spent, Weights(spentUnit, 1, 10));

        var (spentAgain, _) = await app.PostAsync(spentSecret, spent, Weights(spentUnit, 11, 1));
        var (otherStatus, _) = await app.PostAsync(otherSecret, other, Weights(otherUnit, 1, 10));

        Assert.Equal(429, spentAgain);
        Assert.Equal(200, otherStatus);
    }

    [Fact]
    public async Task Start_ReadingsBurstSmallerThanAFullBatch_IsRefused()
    {
        using var dir = new TempDirectory();
        // The cloud's own defaults and flags on a host started here, not through WebApplicationFactory: its deferred
        // host races a start that fails (it may see the host already disposed and throw that instead).
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.AddCloudDefaults(new[]
        {
            "--urls", "http://127.0.0.1:0",
            "--CloudStoreOptions:DataDirectory", dir.Path,
            "--IngestionOptions:MaxBatchReadings", "100",
            "--IngestionOptions:ReadingsBurst", "99",
        });
        await using WebApplication app = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("ReadingsBurst (99) must be at least MaxBatchReadings (100)", e.Message, StringComparison.Ordinal);
    }
}
