using System.Text.Json.Nodes;
using CodexRelay.Deploy.Tests.Manifests;
using CodexRelay.Deploy.Tests.Support;
using CodexRelay.Testing.Processes;

namespace CodexRelay.Deploy.Tests;

/// <summary>
/// Every rendered object against the Kubernetes API schema, offline: types, required fields and formats with the
/// npm package kubernetes-models; unknown fields (a misspelt <c>readinessProbes</c> is silently dropped by a
/// lenient apply) by reading the objects strictly into the typed models of the KubernetesClient package.
/// </summary>
public sealed class SchemaTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task EveryObject_ValidatesAgainstTheApiSchema(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var file = Path.Combine(Path.GetTempPath(), $"crk8s-{overlay}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new JsonArray([.. rendered.Objects.Select(o => o.DeepClone())]).ToJsonString());
        try
        {
            var script = Path.Combine(DeployPaths.Root, "tests", "CodexRelay.Deploy.Tests", "Schema", "validate.mjs");
            var result = await ProcessRunner.RunAsync(Tools.Node(), [script, Tools.KubernetesModels(), file]);

            Assert.True(result.ExitCode == 0, $"kubernetes-models rejects the {overlay} overlay:\n{result}");
            Assert.Equal(rendered.Objects.Count, result.StandardOutput.Split('\n').Count(line => line.StartsWith("VALID ", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task EveryObject_HasOnlyFieldsTheApiKnows(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        var typed = k8s.KubernetesYaml.LoadAllFromString(rendered.Yaml, strict: true);

        Assert.Equal(rendered.Objects.Count, typed.Count);
    }
}
