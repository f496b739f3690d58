using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Wire.Json;

/// <summary>Client JSON as mutable nodes, and the one way the relay writes JSON on the hot path.</summary>
internal static class JsonNodes
{
    public const int MaxDepth = 128;

    /// <summary>
    /// Escapes only what JSON requires (quotes, backslashes, control characters): the relay's output goes to
    /// JSON parsers, never into HTML, and escaping every non-ASCII character costs time and bytes.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth + 64,
    };

    /// <summary>For writing nodes only; no type is serialized by reflection (the resolver is empty), <see cref="RawJson"/> brings its own.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth + 64,
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(),
    };

    /// <summary>
    /// A node over a detached copy of the element: the bytes are copied, not re-parsed, and the node
    /// materializes its children only if something reads or changes them (writing it copies the bytes again).
    /// </summary>
    public static JsonNode? Copy(JsonElement element)
    {
        var detached = element.Clone();
        return detached.ValueKind switch
        {
            JsonValueKind.Object => JsonObject.Create(detached),
            JsonValueKind.Array => JsonArray.Create(detached),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => JsonValue.Create(detached),
        };
    }

    public static string ToJson(this JsonNode node) => node.ToJsonString(SerializerOptions);

    public static void WriteUtf8(this JsonNode node, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        node.WriteTo(writer);
    }
}
