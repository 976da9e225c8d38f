using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>
/// A request body read into a buffer rented from the shared pool, never longer than a limit. A batch body is a few
/// hundred KiB: a fresh array per request lands on the large object heap and costs a full collection every few
/// requests, which was a third of the service's time in the ingestion benchmark.
/// </summary>
public sealed class PooledBody : IDisposable
{
    private byte[]? _buffer;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>Bytes read.</summary>
    public int Length { get; }

    /// <summary>The body; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer == null ? throw new ObjectDisposedException(nameof(PooledBody)) : _buffer.AsMemory(0, Length);

    /// <summary>
    /// The body, or null when it is longer than <paramref name="max"/>: checked while reading, not trusting
    /// Content-Length, and without ever holding more than <paramref name="max"/> plus one read.
    /// </summary>
    public static async Task<PooledBody?> ReadLimitedAsync(HttpRequest request, int max, CancellationToken cancel)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        int initial = request.ContentLength is long declared ? (int)declared + 1 : 16 * 1024;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 4096));
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancel);
                if (read == 0)
                {
                    var body = new PooledBody(buffer, length);
                    buffer = null!;
                    return body;
                }

                length += read;
                if (length > max)
                {
                    return null;
                }
            }
        }
        finally
        {
            if (buffer != null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer != null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
