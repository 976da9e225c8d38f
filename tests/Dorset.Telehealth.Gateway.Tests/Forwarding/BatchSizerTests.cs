using Dorset.Telehealth.Gateway.Forwarding;

namespace Dorset.Telehealth.Gateway.Tests.Forwarding;

public sealed class BatchSizerTests
{
    [Fact]
    public void Halve_ThenSettledBatches_GrowsBackOnlyAfterTheStatedCount()
    {
        var size = new BatchSizer(500);
        size.Halve();
        Assert.Equal(250, size.Current);

        for (int i = 1; i < BatchSizer.BatchesBeforeGrowth; i++)
        {
            size.Settled();
            Assert.Equal(250, size.Current);
        }

        size.Settled();
        Assert.Equal(500, size.Current);
        size.Settled();
        Assert.Equal(500, size.Current);
    }

    [Fact]
    public void Isolate_IsOneUntilItGrowsBack_AndNeverPastTheConfiguredSize()
    {
        var size = new BatchSizer(3);
        size.Isolate();
        Assert.Equal(1, size.Current);
        for (int i = 0; i < 10 * BatchSizer.BatchesBeforeGrowth; i++)
        {
            size.Settled();
        }

        Assert.Equal(3, size.Current);
    }
}
