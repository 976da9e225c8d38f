using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>Every line the service logs starts with when, in UTC: gateway.log (the demo's) has no other clock.</summary>
public sealed class LogTimestampTests
{
    [Fact]
    public async Task ServiceLogLines_StartWithAnIsoUtcTimestamp()
    {
        using var dataDir = new TempDirectory();
        DateTime before = DateTime.UtcNow.AddSeconds(-1);
        using var service = await GatewayProcess.StartServiceAsync(dataDir.Path, FreePort.Next(), FreePort.Next());
        await service.WaitForOutputAsync("Now listening", TimeSpan.FromSeconds(10));

        string line = service.StandardOutput.Split('\n').First(l => l.Contains("Microsoft.Hosting.Lifetime", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: Microsoft\.Hosting\.Lifetime", line);
        DateTime logged = DateTime.ParseExact(line[..24], "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.InRange(logged, before, DateTime.UtcNow.AddSeconds(1));
    }
}
