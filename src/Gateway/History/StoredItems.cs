using System.Text.Json;
using CodexRelay.Contracts.History;
using CodexRelay.Gateway.Wire.Json;

namespace CodexRelay.Gateway.History;

/// <summary>
/// Reads the Responses items out of a stored turn, with the same depth limit as a request
/// (<see cref="JsonNodes.MaxDepth"/>): what a request could carry in, a continuation can read back.
/// </summary>
internal static class StoredItems
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = JsonNodes.MaxDepth };

    public static List<JsonElement> Input(StoredTurn turn)
    {
        using var document = JsonDocument.Parse(turn.InputItemsJson, Options);
        return [.. document.RootElement.EnumerateArray().Select(item => item.Clone())];
    }

    public static List<JsonElement> Output(StoredTurn turn)
    {
        using var document = JsonDocument.Parse(turn.ResponseJson, Options);
        return document.RootElement.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array
            ? [.. output.EnumerateArray().Select(item => item.Clone())]
            : [];
    }
}
