using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Contract;

/// <summary>A refused FHIR request answers in FHIR: an OperationOutcome a FHIR client can show, not an empty body.</summary>
public abstract partial class IngestionContractTests
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, "login")]
    [InlineData("stranger", HttpStatusCode.Unauthorized, "login")]
    [InlineData("gateway", HttpStatusCode.Forbidden, "forbidden")]
    public async Task Fhir_RefusedCredential_OperationOutcomeAsFhirJson(string? who, HttpStatusCode status, string issueCode)
    {
        var (app, _, _, gatewaySecret, nhs, _) = await ArrangeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Observation?patient={nhs}");
        string? secret = who switch
        {
            "gateway" => gatewaySecret,
            "stranger" => BearerSecret.New(BearerSecret.ReaderPrefix),
            _ => null,
        };
        if (secret != null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        long refusedBefore = await FhirRefusedAsync(app, (int)status);
        using HttpResponseMessage response = await app.Client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(refusedBefore + 1, await FhirRefusedAsync(app, (int)status));
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        OperationOutcome outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        OperationOutcome.IssueComponent issue = outcome.Issue.Single();
        Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
        Assert.Equal(issueCode, Hl7.Fhir.Utility.EnumUtility.GetLiteral(issue.Code));
        Assert.DoesNotContain(nhs, issue.Diagnostics, System.StringComparison.Ordinal);
        if (status == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    /// <summary>The cloud's count of FHIR requests refused with <paramref name="status"/> (its /metrics).</summary>
    protected static async Task<long> FhirRefusedAsync(CloudApp app, int status)
    {
        string prefix = $"dorset_cloud_fhir_refused_total{{status=\"{status}\"}} ";
        string line = (await app.Client.GetStringAsync("/metrics")).Split('\n').Single(l => l.StartsWith(prefix, System.StringComparison.Ordinal));
        return long.Parse(line[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
