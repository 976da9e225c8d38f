using System;
using System.Linq;
using Dorset.Telehealth.Demo.Processes;
using Dorset.Telehealth.Demo.Provisioning;

namespace Dorset.Telehealth.Demo;

/// <summary>What the demo prints once it runs: where each part is, and commands that work as printed.</summary>
public static class DemoBanner
{
    /// <summary>The banner after the first Observation reached the cloud (<paramref name="firstObservation"/> after start; null: it did in an earlier run).</summary>
    public static string Running(PipelineLayout layout, BuildOutputs build, string firstPatient, TimeSpan? firstObservation, DateTime weekEnd)
    {
        string gatewayCli = $"dotnet {Shell(build.Gateway)}";
        string dataDir = $"--data-dir {Shell(layout.GatewayData)}";
        string delivered = firstObservation is { } after
            ? $"first Observation in the cloud {after.TotalSeconds:F1} s after start"
            : $"the cloud already holds patient {firstPatient}'s Observations from an earlier run; this run sends only readings not yet delivered";
        return $"""

            Dorset Telehealth demo is running ({delivered}).

              Gateway (hub '{PipelineProvisioner.Hub}')  {layout.GatewayUrl}/health   (JSON APIs under /api need a console session)
              MQTT broker                      127.0.0.1:{layout.MqttPort} (plain, loopback)
              Cloud FHIR base                  {layout.CloudUrl}/fhir   (FHIR reader '{PipelineProvisioner.ReaderId}'; its secret is in {layout.ReaderSecretFile})
                e.g.                           curl -H "Authorization: Bearer $(cat {layout.ReaderSecretFile})" '{layout.CloudUrl}/fhir/Observation?patient={firstPatient}&_count=20'
              Synthetic patients               NHS numbers 999 000 0001 onwards (a range never issued to real people)
              Scripted week                    ends {DemoWeekEnd.Text(weekEnd)} UK time (device clocks; kept in {layout.WeekEndFile})
              Data directory                   {layout.DataDirectory}  (logs: cloud.log, gateway.log, fleet.log)

              Hub console                      {layout.GatewayUrl}/   log in as {DemoConsoleAccounts.Staff} (staff) or {DemoConsoleAccounts.Admin} (admin); passwords in {layout.ConsoleAccountsFile}
              Clinical alerts at the hub       {gatewayCli} alerts list --state open {dataDir}
                acknowledge one                {gatewayCli} alerts ack ID --by 'Demo Nurse' --note 'phoned patient' {dataDir}
                or in the console              {layout.GatewayUrl}/alerts   (JSON: tools/README.md "The hub's JSON API")
            """;
    }

    // A path as one shell word: quoted only when it needs to be.
    private static string Shell(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+:=@%".Contains(c)) ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
