using System.Text.Json.Nodes;

namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>Container ports and the probe/Service references to them (by number or name).</summary>
internal static class PodPorts
{
    public static Dictionary<string, int> Named(JsonObject container) =>
        (container["ports"]?.AsArray() ?? [])
            .Where(p => p!["name"] is not null)
            .ToDictionary(p => (string)p!["name"]!, p => (int)p!["containerPort"]!);

    public static List<int> Numbers(JsonObject container) =>
        (container["ports"]?.AsArray() ?? []).Select(p => (int)p!["containerPort"]!).ToList();

    /// <summary>A port reference (int or IANA name) resolved against the container, or null.</summary>
    public static int? Resolve(JsonObject container, JsonNode? port) => port?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Number => (int)port,
        System.Text.Json.JsonValueKind.String => Named(container).TryGetValue((string)port!, out var number) ? number : null,
        _ => null,
    };

    /// <summary>The seconds a preStop hook pauses (sleep action, or exec sleep N).</summary>
    public static int PreStopSeconds(JsonObject container)
    {
        var preStop = container["lifecycle"]?["preStop"];
        if (preStop?["sleep"]?["seconds"] is { } seconds)
        {
            return (int)seconds;
        }

        var command = preStop?["exec"]?["command"]?.AsArray().Select(c => (string?)c).ToList();
        return command is ["sleep", var value] ? int.Parse(value!, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
