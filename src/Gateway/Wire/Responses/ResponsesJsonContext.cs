using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// Source-generated serialization for the Responses wire. Its depth is the writers' (<see cref="Json.JsonNodes.MaxDepth"/>
/// + 64): whatever a request may nest, the relay can store and echo back.
/// </summary>
[JsonSourceGenerationOptions(MaxDepth = Json.JsonNodes.MaxDepth + 64)]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<JsonElement>))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class ResponsesJsonContext : JsonSerializerContext;
