using System.Text.Json;
using System.Text.Unicode;
using CodexRelay.Gateway.Errors;

namespace CodexRelay.Gateway.Translation.Requests;

/// <summary>
/// Parses a request body: valid UTF-8 throughout (JsonDocument only checks strings when they are read,
/// which would surface as a 500 later) and nested no deeper than <see cref="JsonNodes.MaxDepth"/>.
/// </summary>
internal static class RequestDocument
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = JsonNodes.MaxDepth };

    public static bool TryParse(ReadOnlyMemory<byte> body, out JsonDocument document, out RelayError? error)
    {
        document = null!;
        error = null;
        if (!Utf8.IsValid(body.Span))
        {
            error = RelayError.InvalidRequest("The body is not valid UTF-8.", null, "invalid_json");
            return false;
        }

        try
        {
            document = JsonDocument.Parse(body, Options);
            return true;
        }
        catch (JsonException exception)
        {
            error = RelayError.InvalidRequest($"The body is not valid JSON: {exception.Message}", null, "invalid_json");
            return false;
        }
    }
}
