using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Provisioning;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>
/// The address a bundle gives units (issue 13 item 12): never the machine name a unit at home cannot reach. Without
/// `BrokerOptions:HostNames` or `--host` nothing is provisioned; a name the generated hub certificate lacks gets a
/// server certificate from the same CA, so units flashed before still trust the hub; an operator's certificate that
/// lacks it is refused.
/// </summary>
public sealed class ProvisionHubAddressTests
{
    [Theory]
    [InlineData("provision", "--port", "/dev/ttyUSB0", "--unit")]
    [InlineData("units", "add", "--id")]
    public async Task WithoutTheHubsAddress_IsRefusedOnOneLine_AndRegistersNothing(params string[] verb)
    {
        using var dir = new TempDirectory();

        var (code, stdout, stderr) = await GatewayProcess.RunAsync([.. verb, "unit-1", "--data-dir", dir.Path]);

        Assert.Equal(2, code);
        string line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("refused: the hub's address for units is not set: set BrokerOptions:HostNames", line, StringComparison.Ordinal);
        Assert.Contains("--host", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret: ", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "provisioning")));
        Assert.Null(new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"))).Find("unit-1"));
    }

    [Theory]
    [InlineData("hub example")]
    [InlineData("*.example.org")]
    [InlineData("hub.example.org\nrm")]
    public async Task AHostThatIsNoNameOrAddress_IsRefused(string host)
    {
        using var dir = new TempDirectory();

        var (code, _, stderr) = await GatewayProcess.RunAsync("provision", "--host", host, "--unit", "unit-1", "--port", "/dev/ttyUSB0", "--data-dir", dir.Path);

        Assert.Equal(2, code);
        Assert.Contains("must be a DNS name or an IP address", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_IsWhatTheBundleGivesTheUnit_ForMqttAndSntp()
    {
        using var dir = new TempDirectory();

        var (code, _, _) = await GatewayProcess.RunAsync("provision", "--host", "hub.example.org", "--unit", "unit-1", "--port", "/dev/ttyUSB0", "--data-dir", dir.Path);

        Assert.Equal(0, code);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "provisioning", "unit-1-bundle", "unit-config.json")));
        Assert.Equal("hub.example.org", config.RootElement.GetProperty("mqtt").GetProperty("host").GetString());
        Assert.Equal("hub.example.org", config.RootElement.GetProperty("sntpServer").GetString());
    }

    [Fact]
    public async Task AHostTheHubCertificateLacks_ReissuesItFromTheSameCa_KeepingItsOldNames()
    {
        using var dir = new TempDirectory();
        await GatewayProcess.RunAsync("provision", "--host", "127.0.0.1", "--unit", "unit-1", "--port", "/dev/ttyUSB0", "--data-dir", dir.Path);
        string caBefore = File.ReadAllText(HubCertificate.CaPath(dir.Path));

        var (code, stdout, _) = await GatewayProcess.RunAsync("provision", "--host", "hub.example.org", "--unit", "unit-2", "--port", "/dev/ttyUSB0", "--data-dir", dir.Path);

        Assert.Equal(0, code);
        Assert.Contains("Restart the gateway service", stdout, StringComparison.Ordinal);
        Assert.Equal(caBefore, File.ReadAllText(HubCertificate.CaPath(dir.Path)));
        Assert.Equal(caBefore, File.ReadAllText(Path.Combine(dir.Path, "provisioning", "unit-2-bundle", "hub-ca.pem")));
        using var server = X509CertificateLoader.LoadPkcs12FromFile(HubCertificate.ServerPath(dir.Path), password: null);
        Assert.True(server.MatchesHostname("hub.example.org"));
        Assert.True(server.MatchesHostname("127.0.0.1"), "units flashed with the old name must still connect");
        Assert.True(ChainsTo(server, X509Certificate2.CreateFromPem(caBefore)), "the reissued certificate must be signed by the CA units already trust");
    }

    [Fact]
    public void AnOperatorsCertificateThatLacksTheHost_IsRefused_NamingWhatItHas()
    {
        using var dir = new TempDirectory();
        string pfx = Path.Combine(dir.Path, "operator.pfx");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=hub.other.org", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("hub.other.org");
            request.CertificateExtensions.Add(san.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12));
        }

        var gateway = new GatewayOptions { DataDir = dir.Path };
        var broker = new BrokerOptions { CertificatePath = pfx, HostNames = { "hub.example.org" } };

        var refused = ProvisioningReadiness.Check(gateway, broker, hostFlag: null);
        var named = ProvisioningReadiness.Check(gateway, broker, hostFlag: "hub.other.org");

        Assert.Null(refused.Host);
        Assert.Equal($"the hub certificate {pfx} does not name hub.example.org (it names hub.other.org): have it reissued with hub.example.org as a subject alternative name, or give units one of the names it has", refused.Problem);
        Assert.Equal(("hub.other.org", (string?)null), (named.Host, named.Problem));
    }

    private static bool ChainsTo(X509Certificate2 server, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
