using System.Threading.Tasks;
using Dorset.Telehealth.Chaos;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// CI's chaos run (issue 14 §1): three minutes of seeded faults over 50 emulated units in 10 fleet processes, one
/// gateway on a tmpfs and the cloud on PostgreSQL, at least five of every kind, then the oracle. The long run is the
/// same harness by hand (tests/README.md "Chaos run").
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosRunTests(ITestOutputHelper output)
{
    private static readonly string[] Kinds =
        ["kill fleet", "kill gateway", "kill cloud", "postgres restart", "disk full", "clock unset", "clock wrong", "cloud unreachable", "cloud link", "unit link"];

    [Fact]
    public async Task ThreeMinutesOfSeededFaults_OnPostgres_LoseNothing_DoubleNothing_AlterNothing()
    {
        IntegrationTool.Require("the chaos run's cloud is on PostgreSQL 15 (apt-get install postgresql-15)", PostgresServer.BinDirectory + "/initdb");
        if (GatewayDisk.Unavailable() is string why)
        {
            IntegrationTool.Unavailable("the chaos run fills the gateway's disk on a tmpfs: " + why);
        }

        ChaosReport report = await ChaosRun.RunAsync(new ChaosOptions(3, "postgres", 14, 50), new TestOutputWriter(output), TestContext.Current.CancellationToken);
        output.WriteLine(report.ToString());

        foreach (string kind in Kinds)
        {
            Assert.True(report.Faults.Of(kind) >= 5, $"only {report.Faults.Of(kind)} faults of {kind}:\n{report}");
        }

        Assert.True(report.Passed, report.ToString());
    }
}
