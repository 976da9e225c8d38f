using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.TestSupport;
using Npgsql;

namespace Dorset.Telehealth.Cloud.Tests.Storage;

/// <summary>
/// Two cloud processes ingesting the same batches at the same moment into one PostgreSQL store (issue 5 §2): the
/// database's unique key must store each reading once, and between them the two replicas must report each key
/// accepted exactly once and duplicate exactly once.
/// </summary>
public sealed class ConcurrentReplicasTests
{
    [Fact]
    public async Task PostBatch_SameBatchesToTwoProcesses_EachReadingStoredOnce()
    {
        PostgresServer server = await PostgresServer.GetAsync();
        string cs = await server.CreateDatabaseAsync();
        string secret = BearerSecret.New(BearerSecret.GatewayPrefix);
        await using (var store = new PostgresCloudStore(cs))
        {
            await store.EnsureSchemaAsync();
            await store.AddGatewayAsync("gw-twin", "bridport", BearerSecret.Hash(secret));
            await store.AddPatientAsync("9434765919", "Ann Example");
            await store.AssignUnitAsync("unit-twin", "9434765919", DateTimeOffset.UnixEpoch, "bridport");
        }

        var environment = new Dictionary<string, string>
        {
            ["IngestionOptions__RateLimitPerMinute"] = "1000000",
            ["IngestionOptions__RateLimitBurst"] = "100000",
        };
        int[] ports = { FreePort.Next(), FreePort.Next() };
        using ChildProcess a = ChildProcess.StartDotnet(CloudBinary.Path, new[] { "--postgres", cs, "--urls", $"http://127.0.0.1:{ports[0]}" }, environment: environment);
        using ChildProcess b = ChildProcess.StartDotnet(CloudBinary.Path, new[] { "--postgres", cs, "--urls", $"http://127.0.0.1:{ports[1]}" }, environment: environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        await a.WaitHealthyAsync(ports[0], TimeSpan.FromSeconds(60));
        await b.WaitHealthyAsync(ports[1], TimeSpan.FromSeconds(60));

        const int Batches = 20;
        const int PerBatch = 100;
        var accepted = new ConcurrentDictionary<string, int>();
        var duplicate = new ConcurrentDictionary<string, int>();
        using var throttle = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(0, Batches).Select(async batch =>
        {
            await throttle.WaitAsync();
            try
            {
                string body = Fixtures.Batches.Body("gw-twin", Enumerable.Range(0, PerBatch)
                    .Select(i => Fixtures.Batches.Weight("unit-twin", (batch * PerBatch) + i, kg: (70 + (i / 10m)).ToString(CultureInfo.InvariantCulture))).ToArray());
                // Both replicas get the same batch at the same moment, as after a gateway retry through a load balancer.
                await Task.WhenAll(ports.Select(async port =>
                {
                    using HttpResponseMessage response = await http.PostAsync($"http://127.0.0.1:{port}/api/v1/readings/batch",
                        new StringContent(body, Encoding.UTF8, "application/json"));
                    string text = await response.Content.ReadAsStringAsync();
                    Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
                    var json = JsonNode.Parse(text)!.AsObject();
                    Assert.Empty(Fixtures.Batches.Keys(json, "rejected"));
                    foreach (string key in Fixtures.Batches.Keys(json, "accepted"))
                    {
                        accepted.AddOrUpdate(key, 1, (_, n) => n + 1);
                    }

                    foreach (string key in Fixtures.Batches.Keys(json, "duplicate"))
                    {
                        duplicate.AddOrUpdate(key, 1, (_, n) => n + 1);
                    }
                }));
            }
            finally
            {
                throttle.Release();
            }
        }));

        Assert.Equal(Batches * PerBatch, accepted.Count);
        Assert.All(accepted.Values, n => Assert.Equal(1, n));
        Assert.Equal(Batches * PerBatch, duplicate.Count);
        Assert.All(duplicate.Values, n => Assert.Equal(1, n));
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*), count(DISTINCT reading_key) FROM readings", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(Batches * PerBatch, reader.GetInt64(0));
        Assert.Equal(Batches * PerBatch, reader.GetInt64(1));
    }
}
