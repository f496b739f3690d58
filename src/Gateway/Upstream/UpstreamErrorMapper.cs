using System.Net;
using System.Text.Json;
using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Upstream;

/// <summary>
/// An upstream HTTP error → the error Codex understands (CODEX-WIRE.md §7): 429 keeps <c>retry-after</c>,
/// a context overflow becomes <c>context_length_exceeded</c>, 5xx stay retryable.
/// </summary>
internal static class UpstreamErrorMapper
{
    private static readonly string[] ContextOverflowHints =
        ["context_length_exceeded", "context length", "context window", "maximum context", "too many tokens", "prompt is too long", "reduce the length"];

    public static Failure FromResponse(HttpStatusCode status, string body, string? retryAfter)
    {
        var (type, code, message, param) = ReadError(body);
        message = string.IsNullOrWhiteSpace(message) ? $"Upstream returned {(int)status} {status}." : message;
        if (IsContextOverflow(code, message))
        {
            return new Failure(FailureKind.ContextLengthExceeded, message, param);
        }

        var kind = (int)status switch
        {
            429 => FailureKind.UpstreamRateLimited,
            400 or 422 => FailureKind.UpstreamBadRequest,
            404 => FailureKind.UpstreamNotFound,
            401 => FailureKind.UpstreamUnauthorized,
            403 => FailureKind.UpstreamForbidden,
            413 => FailureKind.UpstreamPayloadTooLarge,
            503 => FailureKind.UpstreamOverloaded,
            _ => FailureKind.UpstreamError,
        };

        if (kind is FailureKind.UpstreamUnauthorized or FailureKind.UpstreamForbidden)
        {
            // The provider's text may describe the relay's own key or account: it goes to the log, the client gets a generic line.
            return new Failure(kind, $"The upstream provider refused the relay's credentials (HTTP {(int)status}); the relay's operator can see why in its log.")
            {
                UpstreamType = type,
                UpstreamDetail = FailureText.Quote(message),
            };
        }

        // 5xx other than 503 keep the relay's own type: Codex retries on the status alone.
        var keepsProviderType = kind is not FailureKind.UpstreamError;
        return new Failure(kind, message, param)
        {
            UpstreamType = keepsProviderType ? type : null,
            UpstreamCode = code,
            RetryAfter = retryAfter,
        };
    }

    public static bool IsContextOverflow(string? code, string message) =>
        code == "context_length_exceeded" || ContextOverflowHints.Any(hint => message.Contains(hint, StringComparison.OrdinalIgnoreCase));

    /// <summary>An error object found inside a stream.</summary>
    public static Failure FromStreamError(JsonElement error)
    {
        var (_, code, message, _) = ReadError(JsonSerializer.Serialize(new Dictionary<string, JsonElement> { ["error"] = error }));
        message = string.IsNullOrWhiteSpace(message) ? "The upstream reported an error in the stream." : message;
        return IsContextOverflow(code, message)
            ? new Failure(FailureKind.ContextLengthExceeded, message)
            : new Failure(FailureKind.UpstreamStreamError, message) { UpstreamCode = code };
    }

    private static (string? Type, string? Code, string? Message, string? Param) ReadError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e : root;
            if (error.ValueKind == JsonValueKind.String)
            {
                return (null, null, error.GetString(), null);
            }

            if (error.ValueKind != JsonValueKind.Object)
            {
                return (null, null, body.Length > 500 ? body[..500] : body, null);
            }

            return (Text(error, "type"), Text(error, "code"), Text(error, "message"), Text(error, "param"));
        }
        catch (JsonException)
        {
            return (null, null, body.Length > 500 ? body[..500] : body, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
