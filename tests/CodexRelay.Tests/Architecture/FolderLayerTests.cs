using CodexRelay.Gateway.Hosting;

namespace CodexRelay.Tests.Architecture;

/// <summary>
/// The Gateway's folders depend one way (STYLE.md): Cli/Embedding → Hosting → Endpoints/WebSockets/Catalog →
/// Responses → Translation/Upstream/History/Metering → Identity → Configuration/Diagnostics → Telemetry → Wire/Failures. A type may use
/// its own folder and the layers below it, never a layer above or a sibling of its own layer.
/// </summary>
public sealed class FolderLayerTests
{
    private const string Root = "CodexRelay.Gateway";

    /// <summary>Bottom first. Folders on one line are siblings: neither may use the other.</summary>
    private static readonly string[][] Layers =
    [
        ["Wire.Json", "Failures"],
        ["Wire.Responses", "Wire.Chat"],
        ["Telemetry"],
        ["Configuration", "Diagnostics"],
        ["Translation.Tools", "Translation.Quirks", "Identity"],
        ["Translation.Requests", "Translation.Streaming", "Upstream", "History", "Metering"],
        ["Responses"],
        ["Endpoints", "WebSockets", "Catalog", "Admin"],
        ["Hosting"],
        ["Cli", "Embedding"],
    ];

    [Fact]
    public void GatewayFolders_ReferenceOnlyTheirOwnAndLowerLayers()
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(RelayApplication).Assembly.GetTypes())
        {
            var from = Folder(type);
            if (from is null)
            {
                continue;
            }

            foreach (var used in TypeReferences.Of(type))
            {
                var to = Folder(used);
                if (to is null || to == from)
                {
                    continue;
                }

                if (LayerOf(to) >= LayerOf(from))
                {
                    violations.Add($"{from} → {to} ({Outer(type).Name} uses {Outer(used).Name})");
                }
            }
        }

        Assert.True(violations.Count == 0, "Folder references against the layering:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void EveryGatewayFolder_HasALayer()
    {
        var unplaced = typeof(RelayApplication).Assembly.GetTypes()
            .Select(Folder)
            .Where(folder => folder is not null && LayerOf(folder) < 0)
            .Distinct()
            .ToList();
        Assert.True(unplaced.Count == 0, "Folders with no layer: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void TheRule_CatchesAnUpwardReference()
    {
        // The checker itself can fail: Hosting uses Endpoints, so Endpoints → Hosting would be reported.
        var references = TypeReferences.Of(typeof(GatewayRoutes));
        Assert.Contains(references, t => Folder(t) == "Endpoints");
        Assert.True(LayerOf("Endpoints") < LayerOf("Hosting"));
    }

    private static string? Folder(Type type)
    {
        var ns = Outer(type).Namespace;
        if (ns is null || !ns.StartsWith(Root + ".", StringComparison.Ordinal) || type.Assembly != typeof(RelayApplication).Assembly)
        {
            return null;
        }

        var folder = ns[(Root.Length + 1)..];
        return Layers.SelectMany(l => l).Where(f => folder == f || folder.StartsWith(f + ".", StringComparison.Ordinal))
            .OrderByDescending(f => f.Length).FirstOrDefault() ?? folder;
    }

    private static int LayerOf(string folder) => Array.FindIndex(Layers, layer => layer.Contains(folder));

    private static Type Outer(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }
}
