using System.Text.RegularExpressions;
using CodexRelay.Deploy.Tests.Manifests;

namespace CodexRelay.Deploy.Tests;

/// <summary>Both overlays render with <c>kubectl kustomize</c>, with concrete images and generated settings.</summary>
public sealed partial class RenderTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Overlay_Renders_GatewaysSilosAndTheirSettings(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        Assert.NotEmpty(rendered.Objects);
        Assert.All(rendered.Objects, o => Assert.False(string.IsNullOrEmpty(RenderedOverlay.NameOf(o)), o.ToJsonString()));
        Assert.NotNull(rendered.Component("gateway"));
        Assert.NotNull(rendered.Component("silo"));
        var ns = Assert.Single(rendered.OfKind("Namespace"));
        Assert.All(rendered.Objects.Where(o => (string?)o["kind"] != "Namespace"), o =>
            Assert.True((string?)o["metadata"]!["namespace"] == RenderedOverlay.NameOf(ns), $"{RenderedOverlay.Describe(o)} is outside {RenderedOverlay.NameOf(ns)}"));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Images_HaveAConcreteTag_NeverLatest(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        Assert.All(rendered.Containers, pair =>
        {
            var image = (string)pair.Container["image"]!;
            var tag = image.Contains('@', StringComparison.Ordinal) ? "digest" : image[(image.LastIndexOf('/') + 1)..].Split(':').ElementAtOrDefault(1);
            Assert.True(tag is { Length: > 0 } && tag != "latest", $"{RenderedOverlay.Describe(pair.Workload)} runs '{image}': set a concrete tag with the overlay's images:");
        });
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task ConfigMaps_AreGenerated_SoAChangeRollsThePods(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        foreach (var (workload, container) in rendered.Containers)
        {
            var environment = new ContainerEnvironment(rendered);
            environment.Resolve(container, new PodFacts("pod", "ns", "198.18.0.99"));
            foreach (var reference in environment.References.Where(r => r.Kind == "ConfigMap"))
            {
                Assert.Matches(HashSuffix(), reference.Name);
            }
        }
    }

    [Fact]
    public async Task ProdOverlay_RendersNoSecretWithData()
    {
        var rendered = await Kustomize.RenderAsync("prod");

        Assert.All(rendered.OfKind("Secret"), secret =>
            Assert.True(secret["data"] is null && secret["stringData"] is null, $"prod renders {RenderedOverlay.Describe(secret)} with data: secrets are created by hand (docs/deploy.md)"));
    }

    [GeneratedRegex("-[a-z0-9]{10}$")]
    private static partial Regex HashSuffix();
}
