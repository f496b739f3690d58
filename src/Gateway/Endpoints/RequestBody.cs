using CodexRelay.Gateway.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>Reads the whole request body within Kestrel's size limit; too large is a 413, not a 500.</summary>
internal sealed record RequestBody(ReadOnlyMemory<byte> Bytes, RelayError? Error)
{
    public static async Task<RequestBody> ReadAsync(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        try
        {
            using var buffer = new MemoryStream(context.Request.ContentLength is { } length && length < 64 * 1024 * 1024 ? (int)length : 16 * 1024);
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return new RequestBody(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new RequestBody(default, new RelayError(413, "invalid_request_error", "request_too_large",
                $"The request body is larger than the relay's limit of {limit} bytes (CodexRelay:MaxRequestBodyBytes).", null));
        }
        catch (BadHttpRequestException exception)
        {
            return new RequestBody(default, RelayError.InvalidRequest($"The request body could not be read: {exception.Message}", null));
        }
    }
}
