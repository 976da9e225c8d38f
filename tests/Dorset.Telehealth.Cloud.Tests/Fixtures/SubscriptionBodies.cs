using System.Text.Json.Nodes;

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>
/// Subscription JSON as an integrator would post it (R4 backport, cloud/README.md "Subscriptions"), built without
/// the cloud's own types so that the tests check the documented contract.
/// </summary>
public static class SubscriptionBodies
{
    /// <summary>The new-Observation topic.</summary>
    public const string ObservationTopic = "https://dorset-telehealth.nhs.uk/fhir/SubscriptionTopic/new-observation";

    /// <summary>The alert topic.</summary>
    public const string AlertTopic = "https://dorset-telehealth.nhs.uk/fhir/SubscriptionTopic/alert";

    private const string Backport = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";

    /// <summary>A rest-hook subscription to <paramref name="topic"/> filtered by <paramref name="filter"/> (e.g. `Observation?patient=...`).</summary>
    public static JsonObject RestHook(string topic, string filter, string endpoint, string content = "id-only", params string[] headers)
    {
        var headerArray = new JsonArray();
        foreach (string h in headers)
        {
            headerArray.Add(h);
        }

        var channel = new JsonObject
        {
            ["type"] = "rest-hook",
            ["endpoint"] = endpoint,
            ["payload"] = "application/fhir+json",
            ["_payload"] = new JsonObject
            {
                ["extension"] = new JsonArray { new JsonObject { ["url"] = Backport + "backport-payload-content", ["valueCode"] = content } },
            },
        };
        if (headers.Length > 0)
        {
            channel["header"] = headerArray;
        }

        return new JsonObject
        {
            ["resourceType"] = "Subscription",
            ["meta"] = new JsonObject { ["profile"] = new JsonArray { Backport + "backport-subscription" } },
            ["status"] = "requested",
            ["reason"] = "Readings for the care record",
            ["criteria"] = topic,
            ["_criteria"] = new JsonObject
            {
                ["extension"] = new JsonArray { new JsonObject { ["url"] = Backport + "backport-filter-criteria", ["valueString"] = filter } },
            },
            ["channel"] = channel,
        };
    }

    /// <summary>Adds a heartbeat period to <paramref name="subscription"/>'s channel.</summary>
    public static JsonObject WithHeartbeat(JsonObject subscription, int seconds)
    {
        subscription["channel"]!["extension"] = new JsonArray { new JsonObject { ["url"] = Backport + "backport-heartbeat-period", ["valueUnsignedInt"] = seconds } };
        return subscription;
    }
}
