using System;
using System.CommandLine;
using System.Globalization;
using Dorset.Telehealth.Cloud.Apis;
using Dorset.Telehealth.Cloud.Fhir;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Cli;

/// <summary>`audit list`: who read which patient's data through the FHIR API, for admins on the cloud's host (issue 16 §4).</summary>
public static class AuditCommands
{
    /// <summary>Builds the `audit` verb.</summary>
    public static Command Create(CliOutput output)
    {
        var audit = new Command("audit", "The audit of FHIR reads and searches: who, which client, what query, which patient, when, outcome.");
        audit.Subcommands.Add(List(output));
        return audit;
    }

    private static Command List(CliOutput output)
    {
        var patient = new Option<string?>("--patient") { Description = "Only this patient's records (NHS number)." };
        var client = new Option<string?>("--client") { Description = "Only this SMART client's or reader's records (its id)." };
        var since = new Option<string?>("--since") { Description = "Only records at or after this ISO date or date-time (UK civil time without an offset)." };
        var count = new Option<int>("--count") { Description = "At most this many, newest first (1..10000).", DefaultValueFactory = _ => 100 };
        var fhir = new Option<bool>("--fhir") { Description = "Print a FHIR R4 Bundle of AuditEvent resources (JSON) instead of a table." };
        var list = new Command("list", "List audit records, newest first.") { patient, client, since, count, fhir };
        new CommonOptions().SetAction(list, output, async (parse, open, cancel) =>
        {
            string? nhs = null;
            if (parse.GetValue(patient) is { } given && !NhsNumber.TryNormalise(given, out nhs, out string why))
            {
                throw new RegistryException($"invalid NHS number '{given}': {why}");
            }

            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } text)
            {
                from = UnitsCommands.TryParseFrom(text, out DateTimeOffset at) ? at : throw new RegistryException($"--since '{text}' is not an ISO date or date-time");
            }

            if (parse.GetValue(count) is < 1 or > 10_000)
            {
                throw new RegistryException("--count must be 1..10000");
            }

            ICloudStore store = await open();
            var records = await store.SearchAuditAsync(new AuditQuery(nhs, parse.GetValue(client), from, parse.GetValue(count)), cancel);
            if (parse.GetValue(fhir))
            {
                var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = DateTimeOffset.UtcNow };
                foreach (AuditRecord r in records)
                {
                    bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:dorset-audit:{r.Id}", Resource = AuditRecordToAuditEventMapper.Map(r) });
                }

                output.Out.WriteLine(FhirSearch.Serialize(bundle));
                return;
            }

            output.Out.WriteLine($"{"recorded (UTC)",-20} {"who",-32} {"interaction",-12} {"patient",-10} {"status",-6} query");
            foreach (AuditRecord r in records)
            {
                string who = $"{r.AgentKind}:{r.AgentId ?? "-"}";
                output.Out.WriteLine($"{r.Recorded.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-20} {who,-32} {r.Interaction,-12} {r.PatientNhs ?? "-",-10} {r.Status,-6} {r.Query}");
            }
        });
        return list;
    }
}
