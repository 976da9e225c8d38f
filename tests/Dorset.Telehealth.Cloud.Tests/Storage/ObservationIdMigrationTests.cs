using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.TestSupport;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Storage;

/// <summary>
/// A database from before Observation ids were random (issue 13 item 10): at start every older reading gets an id,
/// once, and the row numbers it was served under before stop reading anything.
/// </summary>
public abstract class ObservationIdMigrationTests
{
    /// <summary>The store to migrate, fresh for each test.</summary>
    protected abstract Task<Action<CloudStoreOptions>> NewStoreAsync();

    /// <summary>Turns the store back into an older release's: no fhir_id column (nor its index).</summary>
    protected abstract Task DropIdColumnAsync(CloudStoreOptions store);

    [Fact]
    public async Task Start_OnADatabaseWithoutObservationIds_EveryReadingGetsARandomIdOnce()
    {
        Action<CloudStoreOptions> store = await NewStoreAsync();
        string nhs, unit, gw, secret;
        await using (var before = new CloudApp(store))
        {
            string hub = CloudApp.Unique("hub");
            (gw, secret) = await before.AddGatewayAsync(hub);
            nhs = await before.AddPatientAsync();
            unit = CloudApp.Unique("unit");
            await before.Store.AssignUnitAsync(unit, nhs, DateTimeOffset.UnixEpoch, hub);
            await before.PostAsync(secret, gw, Batches.Oximetry(unit, 1), Batches.Weight(unit, 2), Batches.Glucose(unit, 3));
            await DropIdColumnAsync(before.StoreOptions);
        }

        List<string> migrated;
        await using (var after = new CloudApp(store))
        {
            await after.AuthoriseFhirAsync();
            migrated = await IdsAsync(after, nhs);
            Assert.Equal(4, migrated.Count);
            Assert.All(migrated, id => Assert.Matches("^[0-9a-f]{32}(-pulse)?$", id));
            Assert.Equal(3, migrated.Select(id => id.Split('-')[0]).Distinct().Count());
            foreach (string id in migrated)
            {
                Assert.Equal("Patient/" + nhs, FhirJson.Parse<Observation>(await after.Fhir.GetStringAsync($"/fhir/Observation/{id}")).Subject.Reference);
            }

            for (int row = 1; row <= 3; row++)
            {
                using HttpResponseMessage old = await after.Fhir.GetAsync("/fhir/Observation/" + row.ToString(CultureInfo.InvariantCulture));
                Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
            }
        }

        await using var again = new CloudApp(store);
        await again.AuthoriseFhirAsync();
        await again.PostAsync(secret, gw, Batches.Weight(unit, 4, deviceTime: "2026-11-25T07:30:00"));
        List<string> later = await IdsAsync(again, nhs);
        Assert.Equal(migrated, later.Take(4));
        Assert.Matches("^[0-9a-f]{32}$", later[4]);
        Assert.DoesNotContain(later[4], migrated);
    }

    private static async Task<List<string>> IdsAsync(CloudApp app, string nhs) =>
        FhirJson.Parse<Bundle>(await app.Fhir.GetStringAsync($"/fhir/Observation?patient={nhs}")).Entry.Select(e => e.Resource.Id!).ToList();
}

/// <summary>The migration on SQLite.</summary>
public sealed class SqliteObservationIdMigrationTests : ObservationIdMigrationTests, IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <inheritdoc/>
    protected override Task<Action<CloudStoreOptions>> NewStoreAsync() => Task.FromResult<Action<CloudStoreOptions>>(o =>
    {
        o.DataDirectory = _dir.Path;
        o.PostgresConnectionString = null;
    });

    /// <inheritdoc/>
    protected override async Task DropIdColumnAsync(CloudStoreOptions store)
    {
        // SQLite has no DROP COLUMN IF EXISTS, and refuses to drop an indexed column.
        if (Convert.ToInt64(await CloudDatabase.ScalarAsync(store, "SELECT count(*) FROM pragma_table_info('readings') WHERE name = 'fhir_id'"), CultureInfo.InvariantCulture) > 0)
        {
            await CloudDatabase.ScalarAsync(store, "DROP INDEX IF EXISTS readings_fhir_id");
            await CloudDatabase.ScalarAsync(store, "ALTER TABLE readings DROP COLUMN fhir_id");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _dir.Dispose();
}

/// <summary>The migration on PostgreSQL (skips without PostgreSQL 15).</summary>
public sealed class PostgresObservationIdMigrationTests : ObservationIdMigrationTests
{
    /// <summary>The readings columns of the release before Observation ids, as its inserts list them.</summary>
    private const string OlderColumns =
        "reading_key, content_hash, gateway_id, hub, unit_id, outbox_sequence, device_address, device_slot, device_kind, device_sequence, kind, " +
        "values_json, sample_type, sample_location, flags, device_time, received_at, clock_synchronised, gateway_received_at, gateway_note, " +
        "attribution_time, effective_time, effective_source, patient_nhs, assignment_id, has_pulse, stored_at, glucose_context";

    [Fact]
    public async Task RollingUpgrade_AReadingAnOlderReplicaInserts_GetsAnIdFromTheDatabase()
    {
        Action<CloudStoreOptions> store = await NewStoreAsync();
        await using var app = new CloudApp(store);
        await app.AuthoriseFhirAsync();
        string hub = CloudApp.Unique("hub");
        (string gw, string secret) = await app.AddGatewayAsync(hub);
        string nhs = await app.AddPatientAsync();
        string unit = CloudApp.Unique("unit");
        await app.Store.AssignUnitAsync(unit, nhs, DateTimeOffset.UnixEpoch, hub);
        await app.PostAsync(secret, gw, Batches.Weight(unit, 1));

        // What an older replica's insert looks like: every column it knows, none for the id.
        await CloudDatabase.ScalarAsync(app.StoreOptions,
            $"INSERT INTO readings ({OlderColumns}) SELECT reading_key || '-older', {OlderColumns[(OlderColumns.IndexOf(',', StringComparison.Ordinal) + 1)..]} FROM readings");

        Bundle bundle = FhirJson.Parse<Bundle>(await app.Fhir.GetStringAsync($"/fhir/Observation?patient={nhs}"));
        Assert.Equal(2, bundle.Total);
        Assert.All(bundle.Entry, e => Assert.Matches("^[0-9a-f]{32}$", e.Resource.Id));
        Assert.NotEqual(bundle.Entry[0].Resource.Id, bundle.Entry[1].Resource.Id);
    }

    /// <inheritdoc/>
    protected override async Task<Action<CloudStoreOptions>> NewStoreAsync()
    {
        string connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        return o => o.PostgresConnectionString = connectionString;
    }

    /// <inheritdoc/>
    protected override Task DropIdColumnAsync(CloudStoreOptions store) =>
        CloudDatabase.ScalarAsync(store, "ALTER TABLE readings DROP COLUMN IF EXISTS fhir_id");
}
