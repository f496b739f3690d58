using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Translation;

/// <summary>Copies client JSON into mutable nodes with the same depth limit the request was read with.</summary>
internal static class JsonNodes
{
    public const int MaxDepth = 128;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth + 8 };

    public static JsonNode? Copy(JsonElement element) => JsonNode.Parse(element.GetRawText(), documentOptions: DocumentOptions);
}
