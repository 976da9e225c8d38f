using Dorset.Telehealth.TestSupport;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;

namespace Dorset.Telehealth.Cloud.Tests.Storage;

public sealed class SqliteCloudStoreTests
{
    [Fact]
    public async Task PostBatch_AfterServiceRestart_SameReadingIsDuplicate()
    {
        using var dir = new TempDirectory();
        string secret;
        string gateway;
        await using (var first = new CloudApp(o => o.DataDirectory = dir.Path))
        {
            (gateway, secret) = await first.AddGatewayAsync("hub-restart");
            var (status, body) = await first.PostAsync(secret, gateway, Batches.Glucose("unit-r", 1));
            Assert.Equal(200, status);
            Assert.Single(Batches.Keys(body!, "accepted"));
        }

        await using var second = new CloudApp(o => o.DataDirectory = dir.Path);
        var (againStatus, again) = await second.PostAsync(secret, gateway, Batches.Glucose("unit-r", 1));

        Assert.Equal(200, againStatus);
        Assert.Single(Batches.Keys(again!, "duplicate"));
    }
}
