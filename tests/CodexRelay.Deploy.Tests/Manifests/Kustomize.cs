using System.Collections.Concurrent;
using CodexRelay.Deploy.Tests.Support;
using CodexRelay.Testing.Processes;

namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>Renders an overlay with <c>kubectl kustomize</c> (offline), once per test run.</summary>
internal static class Kustomize
{
    public static readonly string[] Overlays = ["dev", "prod"];

    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedOverlay>>> Rendered = new();

    public static Task<RenderedOverlay> RenderAsync(string overlay) =>
        Rendered.GetOrAdd(overlay, name => new Lazy<Task<RenderedOverlay>>(() => RenderUncachedAsync(name))).Value;

    private static async Task<RenderedOverlay> RenderUncachedAsync(string overlay)
    {
        var directory = DeployPaths.Overlay(overlay);
        Assert.True(Directory.Exists(directory), $"No overlay at {directory}.");
        var result = await ProcessRunner.RunAsync(Tools.Kubectl(), ["kustomize", directory], timeout: TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"`kubectl kustomize {directory}` failed ({result.ExitCode}):\n{result}");
        return new RenderedOverlay(overlay, result.StandardOutput, YamlJson.ParseDocuments(result.StandardOutput));
    }
}
