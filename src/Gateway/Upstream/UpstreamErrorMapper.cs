using System.Net;
using System.Text.Json;
using CodexRelay.Gateway.Errors;

namespace CodexRelay.Gateway.Upstream;

/// <summary>
/// An upstream HTTP error → the error Codex understands (CODEX-WIRE.md §7): 429 keeps <c>retry-after</c>,
/// a context overflow becomes <c>context_length_exceeded</c>, 5xx stay retryable.
/// </summary>
internal static class UpstreamErrorMapper
{
    private static readonly string[] ContextOverflowHints =
        ["context_length_exceeded", "context length", "context window", "maximum context", "too many tokens", "prompt is too long", "reduce the length"];

    public static RelayError FromResponse(HttpStatusCode status, string body, string? retryAfter)
    {
        var (type, code, message, param) = ReadError(body);
        message = string.IsNullOrWhiteSpace(message) ? $"Upstream returned {(int)status} {status}." : message;
        if (IsContextOverflow(code, message))
        {
            return new RelayError(400, "invalid_request_error", "context_length_exceeded", message, param);
        }

        var mapped = (int)status switch
        {
            429 => new RelayError(429, type ?? "rate_limit_error", code ?? "rate_limit_exceeded", message, param),
            400 or 404 or 422 => new RelayError((int)status == 422 ? 400 : (int)status, type ?? "invalid_request_error", code, message, param),
            401 or 403 => new RelayError((int)status, type ?? "authentication_error", code, message, param),
            413 => new RelayError(413, type ?? "invalid_request_error", code ?? "request_too_large", message, param),
            503 => new RelayError(503, type ?? "server_error", code ?? "server_is_overloaded", message, param),
            >= 500 => new RelayError(502, "upstream_error", code ?? "upstream_error", message, param),
            _ => new RelayError(502, "upstream_error", code ?? "upstream_error", message, param),
        };
        return mapped with { RetryAfter = retryAfter };
    }

    public static bool IsContextOverflow(string? code, string message) =>
        code == "context_length_exceeded" || ContextOverflowHints.Any(hint => message.Contains(hint, StringComparison.OrdinalIgnoreCase));

    /// <summary>An error object found inside a stream.</summary>
    public static RelayError FromStreamError(JsonElement error)
    {
        var (_, code, message, _) = ReadError(JsonSerializer.Serialize(new Dictionary<string, JsonElement> { ["error"] = error }));
        message = string.IsNullOrWhiteSpace(message) ? "The upstream reported an error in the stream." : message;
        return IsContextOverflow(code, message)
            ? new RelayError(400, "invalid_request_error", "context_length_exceeded", message)
            : new RelayError(502, "upstream_error", code ?? "upstream_error", message);
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
