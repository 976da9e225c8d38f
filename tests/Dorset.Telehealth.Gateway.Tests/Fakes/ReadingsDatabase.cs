using System;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>A gateway database in a temporary file with its group-commit writer, for tests of what is stored, without a host.</summary>
public sealed class ReadingsDatabase : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();

    public ReadingsDatabase()
    {
        Database = new GatewayDatabase(System.IO.Path.Combine(_dir.Path, "gateway.db"));
        Writer = new GroupCommitWriter(Database, NullLogger<GroupCommitWriter>.Instance);
        Store = new ReadingStore(Database);
    }

    public GatewayDatabase Database { get; }

    public GroupCommitWriter Writer { get; }

    public ReadingStore Store { get; }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        _dir.Dispose();
    }
}
