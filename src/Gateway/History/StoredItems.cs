using System.Text.Json;
using CodexRelay.Contracts.History;

namespace CodexRelay.Gateway.History;

/// <summary>Reads the Responses items out of a stored turn.</summary>
internal static class StoredItems
{
    public static List<JsonElement> Input(StoredTurn turn)
    {
        using var document = JsonDocument.Parse(turn.InputItemsJson);
        return [.. document.RootElement.EnumerateArray().Select(item => item.Clone())];
    }

    public static List<JsonElement> Output(StoredTurn turn)
    {
        using var document = JsonDocument.Parse(turn.ResponseJson);
        return document.RootElement.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array
            ? [.. output.EnumerateArray().Select(item => item.Clone())]
            : [];
    }
}
