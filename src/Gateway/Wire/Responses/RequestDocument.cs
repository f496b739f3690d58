using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Wire.Json;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// A parsed request body: valid UTF-8 throughout (JsonDocument only checks strings when they are read, which would
/// surface as a 500 later) and nested no deeper than <see cref="JsonNodes.MaxDepth"/>. A body with escapes is parsed
/// from its <see cref="EscapeMask"/> in a pooled buffer, which then receives the body's own bytes: the document reads
/// the client's text, at the cost of two copies instead of a byte-by-byte scan of every escaped string. Dispose it
/// once nothing reads its elements any more.
/// </summary>
internal sealed class RequestDocument : IDisposable
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = JsonNodes.MaxDepth };

    private readonly JsonDocument _document;
    private byte[]? _buffer;

    private RequestDocument(JsonDocument document, byte[]? buffer)
    {
        _document = document;
        _buffer = buffer;
    }

    public JsonElement RootElement => _document.RootElement;

    public static bool TryParse(ReadOnlyMemory<byte> body, out RequestDocument document, out Failure? error)
    {
        document = null!;
        error = null;
        if (!Utf8.IsValid(body.Span))
        {
            error = new Failure(FailureKind.InvalidJson, "The body is not valid UTF-8.");
            return false;
        }

        try
        {
            document = body.Span.Contains((byte)'\\') && TryParseMasked(body.Span) is { } masked
                ? masked
                : new RequestDocument(JsonDocument.Parse(body, Options), null);
            return true;
        }
        catch (JsonException exception)
        {
            error = new Failure(FailureKind.InvalidJson, $"The body is not valid JSON: {exception.Message}");
            return false;
        }
    }

    /// <summary>Null when the mask does not parse: the body itself is then parsed, for the reader's own error.</summary>
    private static RequestDocument? TryParseMasked(ReadOnlySpan<byte> body)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(body.Length);
        var text = buffer.AsMemory(0, body.Length);
        try
        {
            if (EscapeMask.TryWrite(body, text.Span))
            {
                var document = JsonDocument.Parse(text, Options);
                body.CopyTo(text.Span);
                return new RequestDocument(document, buffer);
            }
        }
        catch (JsonException)
        {
            // Invalid either way; the body's own parse below names the error where the client wrote it.
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return null;
    }

    public void Dispose()
    {
        _document.Dispose();
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
