using System.Text.Json;
using System.Text.Unicode;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Wire.Json;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// Parses a request body: valid UTF-8 throughout (JsonDocument only checks strings when they are read,
/// which would surface as a 500 later) and nested no deeper than <see cref="JsonNodes.MaxDepth"/>.
/// </summary>
internal static class RequestDocument
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = JsonNodes.MaxDepth };

    public static bool TryParse(ReadOnlyMemory<byte> body, out JsonDocument document, out Failure? error)
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
            document = JsonDocument.Parse(body, Options);
            return true;
        }
        catch (JsonException exception)
        {
            error = new Failure(FailureKind.InvalidJson, $"The body is not valid JSON: {exception.Message}");
            return false;
        }
    }
}
