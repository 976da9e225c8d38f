using System;
using System.Text.Json.Nodes;

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>
/// Alerts batch JSON exactly as cloud/README.md "Alerts contract (v1)" documents it, built independently of the
/// cloud's own types, so these tests check the contract rather than the implementation.
/// </summary>
public static class Alerts
{
    /// <summary>The alerts endpoint.</summary>
    public const string Path = "/api/v1/alerts/batch";

    /// <summary>A fresh lower-case alert id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("D");

    /// <summary>A request body.</summary>
    public static string Body(string? gatewayId, params JsonObject[] alerts) => Batches.Envelope("alerts", gatewayId, alerts);

    /// <summary>An open SpO2 alert (home oximetry pathway) naming <paramref name="readingKeys"/> as its readings.</summary>
    public static JsonObject Spo2(string unit, string alertId, int revision = 1, string firstBreachAt = "2026-11-24T08:17:03Z",
        string lastBreachAt = "2026-11-24T08:20:00Z", int? lateMinutes = null, params string[] readingKeys)
    {
        var readings = new JsonArray();
        foreach (string key in readingKeys)
        {
            readings.Add(new JsonObject { ["key"] = key, ["name"] = "spo2", ["value"] = "91", ["unit"] = "%" });
        }

        return new JsonObject
        {
            ["alertId"] = alertId,
            ["revision"] = revision,
            ["ruleId"] = "home-oximetry-spo2",
            ["ruleVersion"] = 1,
            ["level"] = "red-urgent",
            ["state"] = "open",
            ["summary"] = "SpO2 91 % (<= 92 %): urgent review (home oximetry pathway)",
            ["unitId"] = unit,
            ["patientRef"] = "case-17",
            ["firstBreachAt"] = firstBreachAt,
            ["lastBreachAt"] = lastBreachAt,
            ["breachCount"] = 2,
            ["lateMinutes"] = lateMinutes,
            ["worst"] = new JsonObject { ["name"] = "spo2", ["value"] = "91", ["unit"] = "%" },
            ["readings"] = readings,
            ["score"] = null,
            ["acknowledged"] = null,
            ["resolved"] = null,
        };
    }

    /// <summary><paramref name="alert"/> acknowledged by a hub nurse (a new revision when <paramref name="revision"/> is higher).</summary>
    public static JsonObject Acknowledged(JsonObject alert, int revision, string by = "nurse.jones", string at = "2026-11-24T08:25:00Z")
    {
        var next = (JsonObject)alert.DeepClone();
        next["revision"] = revision;
        next["state"] = "acknowledged";
        next["acknowledged"] = new JsonObject { ["by"] = by, ["at"] = at, ["note"] = "phoned patient" };
        return next;
    }

    /// <summary>
    /// A partial NEWS2 alert: SpO2 91 % on scale 1 scores 3, pulse 115 /min scores 2, supplemental oxygen scores 2;
    /// total 7, emergency (clinical.md "NEWS2").
    /// </summary>
    public static JsonObject News2(string unit, string alertId, string spo2Key, string pulseKey, int revision = 1)
    {
        JsonObject alert = Spo2(unit, alertId, revision, readingKeys: spo2Key);
        alert["ruleId"] = "news2-partial";
        alert["level"] = "red-urgent";
        alert["summary"] = "Partial NEWS2 7 (SpO2, pulse, oxygen): emergency assessment";
        ((JsonArray)alert["readings"]!).Add(new JsonObject { ["key"] = pulseKey, ["name"] = "pulse", ["value"] = "115", ["unit"] = "/min" });
        alert["score"] = new JsonObject
        {
            ["partial"] = true,
            ["total"] = 7,
            ["escalation"] = "emergency",
            ["parameters"] = new JsonArray(
                new JsonObject { ["name"] = "spo2", ["scale"] = 1, ["score"] = 3, ["value"] = "91", ["unit"] = "%", ["ageMinutes"] = 0, ["readingKey"] = spo2Key },
                new JsonObject { ["name"] = "pulse", ["score"] = 2, ["value"] = "115", ["unit"] = "/min", ["ageMinutes"] = 12, ["readingKey"] = pulseKey },
                new JsonObject { ["name"] = "oxygen", ["score"] = 2, ["value"] = "true", ["unit"] = null, ["ageMinutes"] = null, ["readingKey"] = null }),
        };
        return alert;
    }

    /// <summary>"alertId@revision" as the response lists it.</summary>
    public static string Identity(JsonObject alert) => $"{alert["alertId"]!.GetValue<string>()}@{alert["revision"]!.GetValue<int>()}";

    /// <summary>The identities in <paramref name="body"/>[<paramref name="list"/>] (rejected items as alertId@revision).</summary>
    public static string[] Identities(JsonObject body, string list)
    {
        JsonArray array = body[list]!.AsArray();
        var ids = new string[array.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = array[i] is JsonObject o ? $"{o["alertId"]!.GetValue<string>()}@{o["revision"]!.GetValue<int>()}" : array[i]!.GetValue<string>();
        }

        return ids;
    }
}
