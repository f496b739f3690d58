using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodexRelay.Gateway.Endpoints;

[JsonSerializable(typeof(IReadOnlyList<JsonElement>))]
internal sealed partial class EndpointJsonContext : JsonSerializerContext;
