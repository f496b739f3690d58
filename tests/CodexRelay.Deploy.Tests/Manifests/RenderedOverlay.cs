using System.Text.Json.Nodes;

namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>One overlay's rendered objects, with the look-ups the tests share.</summary>
internal sealed record RenderedOverlay(string Name, string Yaml, IReadOnlyList<JsonObject> Objects)
{
    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).FirstOrDefault(o => NameOf(o) == name);

    public JsonObject Get(string kind, string name) =>
        Find(kind, name) ?? throw new InvalidOperationException($"The {Name} overlay renders no {kind} {name}.");

    /// <summary>Deployments and StatefulSets: everything that runs pods.</summary>
    public IEnumerable<JsonObject> Workloads => Objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet");

    public IEnumerable<(JsonObject Workload, JsonObject Container)> Containers =>
        Workloads.SelectMany(w => PodSpec(w)["containers"]!.AsArray().Select(c => (w, c!.AsObject())));

    public static string NameOf(JsonObject o) => (string?)o["metadata"]?["name"] ?? "";

    public static JsonObject PodSpec(JsonObject workload) => workload["spec"]!["template"]!["spec"]!.AsObject();

    public static JsonObject PodLabels(JsonObject workload) => workload["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

    public static string Describe(JsonObject o) => $"{(string?)o["kind"]} {NameOf(o)}";

    /// <summary>The gateway and silo Deployments, found by their component label.</summary>
    public JsonObject Component(string component) =>
        Workloads.Single(w => (string?)PodLabels(w)["app.kubernetes.io/component"] == component);

    /// <summary>Whether a label selector (matchLabels and In/NotIn/Exists matchExpressions) selects these labels.</summary>
    public static bool Selects(JsonNode? selector, JsonObject labels)
    {
        if (selector is null)
        {
            return false;
        }

        foreach (var (key, value) in selector["matchLabels"]?.AsObject() ?? [])
        {
            if ((string?)labels[key] != (string?)value)
            {
                return false;
            }
        }

        foreach (var expression in selector["matchExpressions"]?.AsArray() ?? [])
        {
            var key = (string)expression!["key"]!;
            var values = expression["values"]?.AsArray().Select(v => (string?)v).ToList() ?? [];
            var actual = (string?)labels[key];
            var ok = (string?)expression["operator"] switch
            {
                "In" => actual is not null && values.Contains(actual),
                "NotIn" => actual is null || !values.Contains(actual),
                "Exists" => actual is not null,
                "DoesNotExist" => actual is null,
                var op => throw new InvalidOperationException($"Unknown selector operator {op}."),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
