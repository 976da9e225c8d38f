using System.Linq;
using System.Threading.Tasks;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;

namespace Dorset.Telehealth.UkCoreValidation;

/// <summary>
/// UKCore-Observation-VitalSigns-BloodPressure re-slices <c>component:SystolicBP.code.coding</c> and
/// <c>:DiastolicBP.code.coding</c> by system (slices loinc, snomedCT) without restating the systems it fixes on
/// <c>component.code.coding:loinc.system</c> and <c>:snomedCT.system</c>; Firely's snapshot generator does not carry
/// them into the re-sliced slices, and its schema compiler then refuses the profile ("the value discriminator should
/// have a fixed[x]"). This adds exactly those two fixed systems to each slice of the differential, as the profile
/// states them one level up, before snapshots are generated. Nothing else in any profile is changed.
/// </summary>
public sealed class UkCoreSliceSystems : IAsyncResourceResolver
{
    private const string BloodPressure = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation-VitalSigns-BloodPressure";
    private readonly IAsyncResourceResolver _inner;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public UkCoreSliceSystems(IAsyncResourceResolver inner) => _inner = inner;

    // The interface's two members are marked obsolete in SDK 6 but are still what a wrapping resolver implements.
#pragma warning disable CS0618
    /// <inheritdoc/>
    public async Task<Resource?> ResolveByCanonicalUriAsync(string uri) => Correct(await _inner.ResolveByCanonicalUriAsync(uri));

    /// <inheritdoc/>
    public async Task<Resource?> ResolveByUriAsync(string uri) => Correct(await _inner.ResolveByUriAsync(uri));
#pragma warning restore CS0618

    private static Resource? Correct(Resource? resource)
    {
        if (resource is not StructureDefinition { Url: BloodPressure, Differential: not null } sd || sd.Snapshot != null)
        {
            return resource;
        }

        var elements = sd.Differential.Element;
        foreach (string component in new[] { "SystolicBP", "DiastolicBP" })
        {
            foreach ((string slice, string system) in new[] { ("loinc", "http://loinc.org"), ("snomedCT", "http://snomed.info/sct") })
            {
                string sliceId = $"Observation.component:{component}.code.coding:{slice}";
                string systemId = sliceId + ".system";
                int at = elements.FindIndex(e => e.ElementId == sliceId);
                if (at >= 0 && !elements.Any(e => e.ElementId == systemId))
                {
                    elements.Insert(at + 1, new ElementDefinition("Observation.component.code.coding.system") { ElementId = systemId, Fixed = new FhirUri(system) });
                }
            }
        }

        return sd;
    }
}
