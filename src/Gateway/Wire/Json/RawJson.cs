using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CodexRelay.Gateway.Wire.Json;

/// <summary>
/// JSON the client sent, passed on as its own UTF-8 bytes: a node over it writes those bytes as they are, where a
/// node over a <see cref="JsonElement"/> or a string unescapes and re-escapes every string in it (issue 17 §3: Codex's
/// 18 KB developer prompt and 18 KB of tool schemas, on every turn). The bytes come from a parsed, UTF-8-checked
/// request, so they are valid JSON; a raw node is written, never read (its <c>GetValue</c> is not a string).
/// </summary>
internal readonly record struct RawJson(byte[] Utf8)
{
    private static readonly JsonTypeInfo<RawJson> TypeInfo = JsonMetadataServices.CreateValueInfo<RawJson>(JsonNodes.SerializerOptions, new Converter());

    /// <summary>
    /// A node that writes <paramref name="element"/>'s bytes (an object, array or value) unchanged; a pretty-printed
    /// one (a line break can only be layout: inside a JSON string it is escaped) is copied as nodes, so the upstream
    /// gets compact JSON either way.
    /// </summary>
    public static JsonNode? Node(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return raw.Contains((byte)'\n') ? JsonNodes.Copy(element) : Node(raw.ToArray());
    }

    public static JsonNode Node(byte[] utf8) => JsonValue.Create(new RawJson(utf8), TypeInfo)!;

    private sealed class Converter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Raw JSON is written, never read.");

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8, skipInputValidation: true);
    }
}

/// <summary>
/// One JSON string assembled from pieces of client text without unescaping them: each piece's escaped bytes are
/// copied between the quotes, separators and relay-made text are escaped once. Used only when the result is
/// visibly not blank (a quirk drops blank messages, and it reads strings). Assembled in pooled memory (Codex's 20 KB
/// prompt grew a fresh buffer four times on every turn); dispose it when done.
/// </summary>
internal sealed class RawJsonText : IDisposable
{
    private readonly PooledBufferWriter _utf8 = new(16 * 1024);
    private bool _visible;

    public RawJsonText() => _utf8.Write("\""u8);

    /// <summary>A JSON string element's text, as the client escaped it.</summary>
    public void Append(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        var inner = raw[1..^1];
        _visible = _visible || HasVisibleAscii(inner);
        _utf8.Write(inner);
    }

    /// <summary>Relay-made or already unescaped text, escaped here.</summary>
    public void Append(string text)
    {
        var encoded = JsonEncodedText.Encode(text, JsonNodes.WriterOptions.Encoder).EncodedUtf8Bytes;
        _visible = _visible || HasVisibleAscii(encoded);
        _utf8.Write(encoded);
    }

    /// <summary>Whether something other than spaces and escapes was appended (so the string is surely not blank).</summary>
    public bool IsVisible => _visible;

    public JsonNode ToNode()
    {
        _utf8.Write("\""u8);
        return RawJson.Node(_utf8.WrittenMemory.ToArray());
    }

    public void Dispose() => _utf8.Dispose();

    /// <summary>An ASCII letter, digit or mark outside an escape: conservative (non-ASCII text alone is not counted).</summary>
    private static bool HasVisibleAscii(ReadOnlySpan<byte> escaped)
    {
        for (var i = 0; i < escaped.Length; i++)
        {
            var b = escaped[i];
            if (b == (byte)'\\')
            {
                i += escaped[i + 1] == (byte)'u' ? 5 : 1;
                continue;
            }

            if (b is > (byte)' ' and < 0x7F)
            {
                return true;
            }
        }

        return false;
    }
}
