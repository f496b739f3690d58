namespace CodexRelay.Gateway.Upstream;

/// <summary>
/// The upstream's streamed body, bounded: at most <c>maxBytes</c> in all and <c>maxLineBytes</c> without a line
/// break (the SSE parser buffers a line whole), else <see cref="StreamLimitException"/>. Every read that brings
/// bytes, comments included, calls <c>onBytes</c>, which re-arms the idle timer: a keep-alive is not silence.
/// </summary>
internal sealed class UpstreamBodyStream(Stream inner, long maxBytes, long maxLineBytes, Action onBytes) : Stream
{
    private long _total;
    private long _line;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Count(buffer.AsSpan(offset, read));
        return read;
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        onBytes();
        _total += bytes.Length;
        var lastBreak = bytes.LastIndexOfAny((byte)'\n', (byte)'\r');
        _line = lastBreak < 0 ? _line + bytes.Length : bytes.Length - lastBreak - 1;
        if (_total > maxBytes)
        {
            throw new StreamLimitException($"The upstream stream exceeded {maxBytes} bytes (CodexRelay:Upstream:MaxStreamBytes).");
        }

        if (_line > maxLineBytes)
        {
            throw new StreamLimitException($"The upstream sent a line longer than {maxLineBytes} bytes (CodexRelay:Upstream:MaxEventBytes).");
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
