using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Wire.Json;
using Microsoft.AspNetCore.Http.Features;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>
/// The whole request body, read within Kestrel's size limit into a pooled buffer (too large is a 413, not a 500).
/// Dispose it once nothing reads <see cref="Bytes"/> any more (the parsed document included).
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private readonly PooledBufferWriter? _buffer;

    private RequestBody(PooledBufferWriter? buffer, Failure? error)
    {
        _buffer = buffer;
        Error = error;
    }

    public ReadOnlyMemory<byte> Bytes => _buffer?.WrittenMemory ?? default;

    public Failure? Error { get; }

    public static async Task<RequestBody> ReadAsync(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        // A declared length sizes the first buffer only up to 64 KiB: memory follows the bytes that arrive, not the header
        // (a thousand requests each declaring 64 MiB and sending nothing cost a thousand small buffers).
        var length = context.Request.ContentLength is { } declared ? (int)Math.Clamp(declared + 1, 1, 64 * 1024) : 16 * 1024;
        var buffer = new PooledBufferWriter(length);
        try
        {
            await buffer.FillAsync(context.Request.Body, context.RequestAborted);
            return new RequestBody(buffer, null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            buffer.Dispose();
            return new RequestBody(null, new Failure(FailureKind.RequestTooLarge,
                $"The request body is larger than the relay's limit of {limit} bytes (CodexRelay:MaxRequestBodyBytes).", null));
        }
        catch (BadHttpRequestException exception)
        {
            buffer.Dispose();
            return new RequestBody(null, Failure.InvalidRequest($"The request body could not be read: {exception.Message}", null));
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    public void Dispose() => _buffer?.Dispose();
}
