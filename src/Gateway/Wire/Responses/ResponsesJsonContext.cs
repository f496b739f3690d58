using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>Source-generated serialization for the Responses wire.</summary>
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<JsonElement>))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class ResponsesJsonContext : JsonSerializerContext;
