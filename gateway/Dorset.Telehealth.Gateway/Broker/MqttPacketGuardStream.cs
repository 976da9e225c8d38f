using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// Sits between a client's socket (or TLS) stream and MQTTnet's channel adapter, which allocates a packet's whole
/// body from the fixed header's remaining length (up to 256 MB) before reading it. Before the adapter sees a packet,
/// this reads its fixed header and, for a PUBLISH, its topic, and checks them against <see cref="PacketLimits"/>; an
/// oversized packet ends the stream (the adapter reads end of stream and closes the connection) without its body
/// being read. It also tells its owner when the first packet (CONNECT) has been read and when the first answer
/// (CONNACK) goes out.
/// </summary>
public sealed class MqttPacketGuardStream : Stream
{
    private readonly Stream _inner;
    private readonly Action<string> _refused;
    private readonly byte[] _lookahead = new byte[5 + 2 + PacketLimits.TopicBytes];
    private int _lookaheadStart;
    private int _lookaheadEnd;
    private long _bodyLeft;
    private int _packetsStarted;
    private bool _closed;

    /// <summary>Creates the guard; <paramref name="refused"/> gets the reason of a refused packet.</summary>
    public MqttPacketGuardStream(Stream inner, Action<string> refused)
    {
        _inner = inner;
        _refused = refused;
    }

    /// <summary>Raised once, when the first packet has been read whole by the adapter.</summary>
    public event Action? FirstPacketRead;

    /// <summary>Raised once, when the server first writes (its CONNACK).</summary>
    public event Action? FirstWrite;

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_closed || buffer.Length == 0)
        {
            return 0;
        }

        if (_lookaheadStart == _lookaheadEnd && _bodyLeft == 0 && !await ReadNextHeaderAsync(cancellationToken).ConfigureAwait(false))
        {
            _closed = true;
            return 0;
        }

        int n;
        if (_lookaheadStart < _lookaheadEnd)
        {
            n = Math.Min(buffer.Length, _lookaheadEnd - _lookaheadStart);
            _lookahead.AsMemory(_lookaheadStart, n).CopyTo(buffer);
            _lookaheadStart += n;
        }
        else
        {
            n = await _inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _bodyLeft)], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                _closed = true;
                return 0;
            }

            _bodyLeft -= n;
        }

        if (_packetsStarted == 1 && _lookaheadStart == _lookaheadEnd && _bodyLeft == 0)
        {
            _packetsStarted++;
            FirstPacketRead?.Invoke();
        }

        return n;
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Action? first = Interlocked.Exchange(ref FirstWrite, null);
        first?.Invoke();
        await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    /// <inheritdoc/>
    public override void Flush() => _inner.Flush();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => _inner.DisposeAsync();

    /// <summary>
    /// Reads the next packet's fixed header (and a PUBLISH's topic) into the look-ahead; false at end of stream or
    /// when the packet is refused.
    /// </summary>
    private async Task<bool> ReadNextHeaderAsync(CancellationToken cancellationToken)
    {
        _lookaheadStart = 0;
        _lookaheadEnd = 0;
        if (!await FillAsync(1, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        long remaining = 0;
        for (int i = 0, shift = 0; ; i++, shift += 7)
        {
            if (i == 4 || !await FillAsync(2 + i, cancellationToken).ConfigureAwait(false))
            {
                // A fifth length byte is malformed (MQTT 3.1.1 §2.2.3); let the adapter see the stream end.
                return false;
            }

            byte digit = _lookahead[1 + i];
            remaining |= (long)(digit & 0x7F) << shift;
            if ((digit & 0x80) == 0)
            {
                break;
            }
        }

        _packetsStarted = Math.Min(_packetsStarted + 1, 2);
        int headerLength = _lookaheadEnd;
        byte fixedHeader = _lookahead[0];
        string? topic = null;
        int topicBytes = 0;
        if (PacketLimits.NeedsTopic(fixedHeader) && remaining >= 2)
        {
            if (!await FillAsync(headerLength + 2, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            topicBytes = (_lookahead[headerLength] << 8) | _lookahead[headerLength + 1];
            if (topicBytes > PacketLimits.TopicBytes || topicBytes + 2 > remaining)
            {
                return Refuse($"a publish with a {topicBytes}-byte topic in a {remaining}-byte packet");
            }

            if (!await FillAsync(headerLength + 2 + topicBytes, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            topic = Encoding.UTF8.GetString(_lookahead, headerLength + 2, topicBytes);
        }

        string? refusal = PacketLimits.Refusal(fixedHeader, (int)remaining, topic, topicBytes);
        if (refusal != null)
        {
            return Refuse(refusal);
        }

        _bodyLeft = remaining - (_lookaheadEnd - headerLength);
        return true;
    }

    private bool Refuse(string reason)
    {
        _refused(reason);
        return false;
    }

    /// <summary>Reads from the inner stream until the look-ahead holds <paramref name="count"/> bytes; false at end of stream.</summary>
    private async Task<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        while (_lookaheadEnd < count)
        {
            int n = await _inner.ReadAsync(_lookahead.AsMemory(_lookaheadEnd, count - _lookaheadEnd), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            _lookaheadEnd += n;
        }

        return true;
    }
}
