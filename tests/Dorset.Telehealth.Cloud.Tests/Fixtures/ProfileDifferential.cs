using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>
/// Checks a resource's JSON against the differential of a UK Core StructureDefinition from
/// ../shared/reference/uk-core/structuredefinitions (the files are differentials only): every fixed value, minimum and
/// maximum cardinality and choice type the differential states. Bindings and inherited base-profile rules are not
/// checked (that needs snapshots and a terminology server).
/// </summary>
public static class ProfileDifferential
{
    private static readonly XNamespace s_fhir = "http://hl7.org/fhir";

    /// <summary>The differential's rules that <paramref name="json"/> breaks; empty when it meets them all.</summary>
    public static IReadOnlyList<string> Violations(string structureDefinition, string json)
    {
        string path = RepositoryPaths.Combine("../shared/reference/uk-core/structuredefinitions/" + structureDefinition + ".xml");
        XElement differential = XDocument.Load(path).Root!.Element(s_fhir + "differential")!;
        JsonNode resource = JsonNode.Parse(json)!;
        var violations = new List<string>();
        foreach (XElement element in differential.Elements(s_fhir + "element"))
        {
            string id = element.Element(s_fhir + "path")!.Attribute("value")!.Value;
            List<(string Name, JsonNode Node)> found = Walk(resource, id.Split('.').Skip(1));
            string? min = Value(element, "min");
            string? max = Value(element, "max");
            if (min != null && found.Count < int.Parse(min, System.Globalization.CultureInfo.InvariantCulture))
            {
                violations.Add($"{id}: min {min}, found {found.Count}");
            }

            if (max != null && max != "*" && found.Count > int.Parse(max, System.Globalization.CultureInfo.InvariantCulture))
            {
                violations.Add($"{id}: max {max}, found {found.Count}");
            }

            foreach (XElement fixedValue in element.Elements().Where(e => e.Name.LocalName.StartsWith("fixed", StringComparison.Ordinal)))
            {
                string expected = fixedValue.Attribute("value")!.Value;
                if (found.Count == 0 || found.Any(f => f.Node.GetValue<string>() != expected))
                {
                    violations.Add($"{id}: fixed {expected}, found [{string.Join(", ", found.Select(f => f.Node.ToJsonString()))}]");
                }
            }

            if (id.EndsWith("[x]", StringComparison.Ordinal) && element.Element(s_fhir + "type") is XElement type)
            {
                string expectedName = id.Split('.').Last()[..^3] + type.Element(s_fhir + "code")!.Attribute("value")!.Value;
                violations.AddRange(found.Where(f => f.Name != expectedName).Select(f => $"{id}: type must give {expectedName}, found {f.Name}"));
            }
        }

        return violations;
    }

    private static string? Value(XElement element, string name) => element.Element(s_fhir + name)?.Attribute("value")?.Value;

    /// <summary>Every node the element path reaches, through arrays; a choice segment `x[x]` matches any `xType` property.</summary>
    private static List<(string Name, JsonNode Node)> Walk(JsonNode root, IEnumerable<string> segments)
    {
        var current = new List<(string Name, JsonNode Node)> { (string.Empty, root) };
        foreach (string segment in segments)
        {
            var next = new List<(string, JsonNode)>();
            foreach ((_, JsonNode node) in current)
            {
                if (node is not JsonObject o)
                {
                    continue;
                }

                foreach (var property in o.Where(p => p.Value != null && (segment.EndsWith("[x]", StringComparison.Ordinal)
                    ? p.Key.StartsWith(segment[..^3], StringComparison.Ordinal) && p.Key.Length > segment.Length - 3 && char.IsUpper(p.Key[segment.Length - 3])
                    : p.Key == segment)))
                {
                    IEnumerable<JsonNode> items = property.Value is JsonArray array ? array.OfType<JsonNode>() : new[] { property.Value! };
                    next.AddRange(items.Select(i => (property.Key, i)));
                }
            }

            current = next;
        }

        return current;
    }
}
