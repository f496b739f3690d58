using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CodexRelay.Gateway.WebSockets;

[JsonSerializable(typeof(JsonNode))]
internal sealed partial class WebSocketJsonContext : JsonSerializerContext;
