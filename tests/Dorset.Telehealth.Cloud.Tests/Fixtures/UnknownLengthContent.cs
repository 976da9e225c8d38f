using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>A request body whose length is not declared up front (as a chunked upload), so the server must count.</summary>
public sealed class UnknownLengthContent : HttpContent
{
    private readonly byte[] _bytes;

    /// <summary>Wraps the bytes.</summary>
    public UnknownLengthContent(byte[] bytes) => _bytes = bytes;

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

    /// <inheritdoc/>
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
