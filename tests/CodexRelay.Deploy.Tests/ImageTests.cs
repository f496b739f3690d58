using System.Text.RegularExpressions;
using System.Xml.Linq;
using CodexRelay.Deploy.Tests.Manifests;
using CodexRelay.Deploy.Tests.Support;

namespace CodexRelay.Deploy.Tests;

/// <summary>The Dockerfiles, read statically (no Docker engine here): pinned bases, a restore layer, a non-root user.</summary>
public sealed partial class ImageTests
{
    [Theory]
    [InlineData("gateway", "Gateway")]
    [InlineData("silo", "Silo")]
    public void BaseImages_ArePinnedToAVersionTag(string component, string project)
    {
        var image = ProcessSettings.ImageFor(component);

        Assert.All(image.Stages, stage =>
        {
            var tag = stage.BaseImage.Contains('@', StringComparison.Ordinal) ? "digest" : stage.BaseImage[(stage.BaseImage.LastIndexOf('/') + 1)..].Split(':').ElementAtOrDefault(1);
            Assert.True(tag is not null && (tag == "digest" || VersionTag().IsMatch(tag)), $"{project}: FROM {stage.BaseImage} is not pinned to a version tag");
        });
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("silo")]
    public void FinalStage_RunsAsANumericNonRootUser_WithLabels(string component)
    {
        var final = ProcessSettings.ImageFor(component).Final;

        Assert.True(int.TryParse(final.User, out var user) && user > 0, $"USER {final.User} is not a numeric non-root user (runAsNonRoot cannot check a name)");
        Assert.Contains("org.opencontainers.image.title", final.Labels.Keys);
        Assert.Contains("org.opencontainers.image.version", final.Labels.Keys);
        Assert.Contains("org.opencontainers.image.revision", final.Labels.Keys);
    }

    [Theory]
    [InlineData("gateway", "Gateway")]
    [InlineData("silo", "Silo")]
    public void RestoreLayer_CopiesEveryProjectFile_BeforeTheSources(string component, string project)
    {
        var build = ProcessSettings.ImageFor(component).Stages.Single(s => s.Alias == "build");
        var copies = build.Lines.Select((line, index) => (line, index)).Where(x => x.line.Instruction == "COPY" && !x.line.Arguments.StartsWith("--from", StringComparison.Ordinal)).ToList();
        var restore = build.Lines.FindIndex(l => l.Instruction == "RUN" && l.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var sources = build.Lines.FindIndex(l => l.Instruction == "COPY" && l.Arguments.StartsWith("src/ ", StringComparison.Ordinal));
        Assert.True(restore >= 0 && sources > restore, "the build stage must restore before it copies src/ (the restore layer)");

        var copiedBeforeRestore = copies.Where(x => x.index < restore)
            .SelectMany(x => x.line.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .ToHashSet(StringComparer.Ordinal);
        foreach (var file in copiedBeforeRestore)
        {
            Assert.True(File.Exists(Path.Combine(DeployPaths.Root, file)), $"Dockerfile.{component} copies {file}, which does not exist");
        }

        foreach (var needed in ProjectClosure($"src/{project}/{project}.csproj").Concat(["global.json", "Directory.Build.props", "Directory.Packages.props"]))
        {
            Assert.Contains(needed, copiedBeforeRestore);
        }
    }

    [Theory]
    [InlineData("gateway", "Gateway")]
    [InlineData("silo", "Silo")]
    public void Entrypoint_RunsTheAssemblyTheProjectBuilds(string component, string project)
    {
        var final = ProcessSettings.ImageFor(component).Final;

        Assert.Equal("dotnet", final.Entrypoint[0]);
        Assert.True(File.Exists(Path.Combine(DeployPaths.BuildOutput(project), final.Entrypoint[1])), $"{final.Entrypoint[1]} is not what src/{project} builds");
        Assert.Equal("/app", final.WorkingDirectory);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task GatewayImage_BakesTheCatalogTemplate_WhereTheManifestPointsIt(string overlay)
    {
        var image = ProcessSettings.ImageFor("gateway");
        var rendered = await Kustomize.RenderAsync(overlay);
        var settings = ProcessSettings.For(rendered, "gateway", new PodFacts("p", "n", "198.18.0.99"));

        var bake = image.Stages.Single(s => s.Alias == "catalog");
        Assert.Contains(bake.Lines, l => l.Instruction == "RUN" && l.Arguments.Contains("bake-catalog.sh", StringComparison.Ordinal));
        var copy = image.Final.Lines.Single(l => l.Instruction == "COPY" && l.Arguments.StartsWith("--from=catalog ", StringComparison.Ordinal));
        Assert.Equal(copy.Arguments.Split(' ')[^1], settings.Setting("CODEX_RELAY_CATALOG_TEMPLATE"));
    }

    [Fact]
    public void BakeScript_UsesTheCodexVersionTheRepositoryTests()
    {
        var tested = TestedCodex().Match(File.ReadAllText(Path.Combine(DeployPaths.Root, "test.sh"))).Groups[1].Value;
        var baked = BakedCodex().Match(File.ReadAllText(DeployPaths.Deploy("bake-catalog.sh"))).Groups[1].Value;

        Assert.False(string.IsNullOrEmpty(tested), "test.sh has no codex_version=");
        Assert.Equal(tested, baked);
    }

    [Fact]
    public void DockerIgnore_KeepsLocalStateOut_AndTheBuildInputsIn()
    {
        var patterns = File.ReadAllLines(Path.Combine(DeployPaths.Root, ".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string> { ".git", ".tools", "**/bin", "**/obj" }, patterns);
        Assert.DoesNotContain(patterns, p => p is "src" or "src/" or "deploy" or "deploy/" or "*.sh" or "deploy/bake-catalog.sh" or "*.csproj" or "*.props");
    }

    /// <summary>A project file and every project it references, as repository-relative paths.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Path.Combine(DeployPaths.Root, current))!;
            foreach (var reference in XDocument.Load(Path.Combine(DeployPaths.Root, current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(DeployPaths.Root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+")]
    private static partial Regex VersionTag();

    [GeneratedRegex(@"(?m)^codex_version=([0-9.]+)")]
    private static partial Regex TestedCodex();

    [GeneratedRegex(@"CODEX_VERSION:-([0-9.]+)")]
    private static partial Regex BakedCodex();
}
