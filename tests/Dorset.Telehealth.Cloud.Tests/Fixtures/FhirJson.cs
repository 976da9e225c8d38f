using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>
/// Parses responses with the Firely FHIR JSON deserializer (the parser of SDK 6; default settings are strict, so
/// unknown elements or invalid values fail the test).
/// </summary>
public static class FhirJson
{
    private static readonly FhirJsonDeserializer s_parser = new(new DeserializerSettings());

    /// <summary>Parses <paramref name="json"/> as <typeparamref name="T"/>.</summary>
    public static T Parse<T>(string json)
        where T : Resource => s_parser.Deserialize<T>(json);
}
