using System;
using System.Linq;
using Dorset.Telehealth.TestSupport;
using Firely.Fhir.Validation;
using Firely.Fhir.Validation.Compilation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Dorset.Telehealth.UkCoreValidation;

/// <summary>
/// The Firely validator (Firely.Fhir.Validation.R4) against the UK Core STU2 conformance resources in
/// ../shared/reference/uk-core/ and the base R4 specification that Hl7.Fhir.Specification.R4 ships.
/// </summary>
public sealed class UkCoreValidator
{
    private static readonly Lazy<UkCoreValidator> s_shared = new(() => new UkCoreValidator());
    private readonly Validator _validator;

    /// <summary>One validator for the test run: indexing the specification and generating snapshots takes seconds.</summary>
    public static UkCoreValidator Shared => s_shared.Value;

    /// <summary>Builds the validator.</summary>
    public UkCoreValidator()
    {
        var ukCore = new DirectorySource(RepositoryPaths.Combine("../shared/reference/uk-core"), new DirectorySourceSettings { IncludeSubDirectories = true });
        // Corrections (Firely's fixes of known errors in the R4 core definitions, e.g. ref-1 failing identifier-only
        // references) must apply before snapshots are generated, or the snapshots keep the uncorrected constraints.
        // The inner cache keeps each generated snapshot, so a base profile's snapshot is generated once, not per profile.
        var sources = new CachedResolver(new UkCoreSliceSystems(new StructureDefinitionCorrectionsResolver(new MultiResolver(ukCore, ZipSource.CreateValidationSource()))));
        var resolver = new CachedResolver(new SnapshotSource(sources));
        var terminology = LocalTerminologyService.CreateDefaultForCore(resolver);
        _validator = new Validator(resolver, terminology);
    }

    /// <summary>Validates <paramref name="json"/> against its type and the profiles it claims.</summary>
    public OperationOutcome Validate(string json)
    {
        Resource resource = new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<Resource>(json);
        lock (_validator)
        {
            return _validator.Validate(resource);
        }
    }

    /// <summary>One line per issue, for a failure message.</summary>
    public static string Describe(OperationOutcome outcome) => string.Join(Environment.NewLine,
        outcome.Issue.Select(i => $"{i.Severity} {i.Code} {string.Join(",", i.Expression ?? Array.Empty<string>())} {i.Details?.Text}"));
}
