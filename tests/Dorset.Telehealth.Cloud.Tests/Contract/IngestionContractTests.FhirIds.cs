using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Contract;

/// <summary>
/// Observation ids that cannot be guessed (cloud/README.md "What a reader may read by id"): knowing one reading's id,
/// or counting, never leads to another patient's readings.
/// </summary>
public abstract partial class IngestionContractTests
{
    private static readonly Regex s_readingId = new("^[0-9a-f]{32}$", RegexOptions.CultureInvariant);

    [Fact]
    public async Task ReadObservation_Ids_Are128RandomBits_AndCountingReadsNothing()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Batches.Oximetry(unit, 1), Batches.Weight(unit, 2), Batches.Glucose(unit, 3));

        var ids = (await SearchAsync(app, $"patient={nhs}")).Entry.Select(e => e.Resource.Id).ToList();
        var readings = ids.Where(id => !id.EndsWith("-pulse", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, readings.Count);
        Assert.All(readings, id => Assert.Matches(s_readingId, id));
        Assert.Equal(3, readings.Distinct().Count());
        Assert.Contains(readings[0] + "-pulse", ids);
        foreach (string id in ids)
        {
            Observation read = FhirJson.Parse<Observation>(await app.Fhir.GetStringAsync($"/fhir/Observation/{id}"));
            Assert.Equal("Patient/" + nhs, read.Subject.Reference);
        }

        // The store's row numbers: every one so far in this fixture's database, none of them a readable id.
        for (int row = 1; row <= 200; row++)
        {
            using HttpResponseMessage guess = await app.Fhir.GetAsync($"/fhir/Observation/{row}");
            Assert.Equal(HttpStatusCode.NotFound, guess.StatusCode);
        }
    }
}
