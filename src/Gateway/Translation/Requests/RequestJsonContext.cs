using System.Text.Json.Serialization;

namespace CodexRelay.Gateway.Translation.Requests;

[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(string))]
internal sealed partial class RequestJsonContext : JsonSerializerContext;
