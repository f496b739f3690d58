using System.Text;
using System.Text.Json.Nodes;

namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>
/// A container's environment as the kubelet builds it: envFrom sources in order, then env entries, each
/// value literal or from a Secret, a ConfigMap or the downward API. Secrets the overlay does not render
/// come from the example files (an operator creates them from those).
/// </summary>
internal sealed class ContainerEnvironment
{
    private readonly RenderedOverlay _overlay;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _secretExamples;

    public ContainerEnvironment(RenderedOverlay overlay)
    {
        _overlay = overlay;
        _secretExamples = SecretExamples.Load();
    }

    public List<EnvironmentReference> References { get; } = [];

    public List<string> Problems { get; } = [];

    /// <summary>The variables the container spec names itself (env and envFrom keys), whatever their value.</summary>
    public static IEnumerable<string> DeclaredNames(RenderedOverlay overlay, JsonObject container)
    {
        var environment = new ContainerEnvironment(overlay);
        return environment.Resolve(container, new PodFacts("pod", "namespace", "198.18.0.99")).Keys;
    }

    public Dictionary<string, string> Resolve(JsonObject container, PodFacts pod)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            var prefix = (string?)source!["prefix"] ?? "";
            if (source["configMapRef"] is { } configMapRef)
            {
                foreach (var (key, value) in Data("ConfigMap", (string)configMapRef["name"]!, null, (bool?)configMapRef["optional"] ?? false))
                {
                    values[prefix + key] = value;
                }
            }
            else if (source["secretRef"] is { } secretRef)
            {
                foreach (var (key, value) in Data("Secret", (string)secretRef["name"]!, null, (bool?)secretRef["optional"] ?? false))
                {
                    values[prefix + key] = value;
                }
            }
        }

        foreach (var variable in container["env"]?.AsArray() ?? [])
        {
            var name = (string)variable!["name"]!;
            if (variable["valueFrom"] is not { } from)
            {
                values[name] = (string?)variable["value"] ?? "";
            }
            else if (from["secretKeyRef"] is { } secretKey && Value("Secret", secretKey) is { } secret)
            {
                values[name] = secret;
            }
            else if (from["configMapKeyRef"] is { } configMapKey && Value("ConfigMap", configMapKey) is { } configured)
            {
                values[name] = configured;
            }
            else if (from["fieldRef"] is { } field)
            {
                values[name] = (string?)field["fieldPath"] switch
                {
                    "status.podIP" => pod.PodIp,
                    "metadata.name" => pod.PodName,
                    "metadata.namespace" => pod.Namespace,
                    var path => throw new InvalidOperationException($"The test has no value for fieldRef {path}."),
                };
            }
        }

        return values;
    }

    private string? Value(string kind, JsonNode reference)
    {
        var key = (string)reference["key"]!;
        var data = Data(kind, (string)reference["name"]!, key, (bool?)reference["optional"] ?? false);
        return data.TryGetValue(key, out var value) ? value : null;
    }

    private Dictionary<string, string> Data(string kind, string name, string? key, bool optional)
    {
        References.Add(new EnvironmentReference(kind, name, key, optional));
        var rendered = _overlay.Find(kind, name);
        Dictionary<string, string>? data = null;
        if (rendered is not null)
        {
            data = (rendered["data"]?.AsObject() ?? []).ToDictionary(
                pair => pair.Key,
                pair => kind == "Secret" ? Encoding.UTF8.GetString(Convert.FromBase64String((string)pair.Value!)) : (string?)pair.Value ?? "");
            foreach (var (k, v) in rendered["stringData"]?.AsObject() ?? [])
            {
                data[k] = (string?)v ?? "";
            }
        }
        else if (kind == "Secret" && _secretExamples.TryGetValue(name, out var example))
        {
            data = new Dictionary<string, string>(example);
        }

        if (data is null)
        {
            if (!optional)
            {
                Problems.Add($"{kind} {name} is neither rendered by the {_overlay.Name} overlay nor an example in deploy/kubernetes/secrets/.");
            }

            return [];
        }

        if (key is not null && !data.ContainsKey(key) && !optional)
        {
            Problems.Add($"{kind} {name} has no key '{key}' (it has: {string.Join(", ", data.Keys)}).");
        }

        return data;
    }
}
