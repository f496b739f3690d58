using System.Text.Json.Nodes;
using CodexRelay.Onboarding.Tests.Support;
using CodexRelay.Testing.Codex;
using CodexRelay.Testing.Files;

namespace CodexRelay.Onboarding.Tests;

/// <summary>The printed config, driven through the real Codex CLI 0.169.0 and a relay in front of a fake upstream.</summary>
public sealed class CodexCliTests
{
    private const string MetadataWarning = "Model metadata";

    [Fact]
    public async Task StrictConfig_PrintedConfig_IsAccepted()
    {
        await using var relay = await OnboardingRelay.StartAsync();
        var (exitCode, config, errors) = await relay.PrintConfigAsync();
        Assert.True(exitCode == 0, errors);

        using var accepted = new CodexCli(config);
        var result = await accepted.ExecAsync("Reply with ok", strictConfig: true);
        Assert.True(result.ExitCode == 0, result.ToString());

        // The control: the same check rejects a key 0.169.0 does not know, before any request.
        using var rejected = new CodexCli("model_properties = {}\n" + config);
        var control = await rejected.ExecAsync("Reply with ok", strictConfig: true);
        Assert.NotEqual(0, control.ExitCode);
        Assert.Contains("model_properties", control.StandardError, StringComparison.Ordinal);
        Assert.Single(relay.Upstream.Requests);
    }

    [Fact]
    public async Task CatalogRequest_CarriesClientKey_AndDecodes()
    {
        await using var relay = await OnboardingRelay.StartAsync();
        var (_, config, _) = await relay.PrintConfigAsync();
        using var codex = new CodexCli(config);

        // Without --bundled Codex refreshes from model_catalog_url and prints what it decoded.
        var result = await codex.RunAsync("debug", "models");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("failed to decode", result.StandardError, StringComparison.OrdinalIgnoreCase);
        var slugs = JsonNode.Parse(result.StandardOutput)!["models"]!.AsArray().Select(m => (string?)m!["slug"]).ToList();
        Assert.Contains(OnboardingRelay.Alias, slugs);
        Assert.Contains($"Bearer {CodexCli.ClientKey}", relay.Upstream.ModelsAuthorizations);
    }

    [Fact]
    public async Task Exec_WithOnlyPrintedConfig_RunsThroughRelayWithoutMetadataWarning()
    {
        await using var relay = await OnboardingRelay.StartAsync();
        var (_, config, _) = await relay.PrintConfigAsync();
        using var codex = new CodexCli(config);

        var result = await codex.ExecAsync("Reply with ok");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ok", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(MetadataWarning, result.StandardError, StringComparison.Ordinal);
        var chat = Assert.Single(relay.Upstream.Requests);
        Assert.Equal(OnboardingRelay.UpstreamModel, (string?)chat["model"]);
        // The freeform (custom) apply_patch reaches the upstream as a function with one raw "input" string.
        var applyPatch = chat["tools"]!.AsArray().Single(t => (string?)t!["function"]?["name"] == "apply_patch")!["function"]!;
        Assert.Equal(["input"], applyPatch["parameters"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Exec_WithCatalogFile_RunsWithoutMetadataWarning()
    {
        await using var relay = await OnboardingRelay.StartAsync();
        using var catalogDir = new TempDirectory("catalog-");
        var (exitCode, config, errors) = await relay.PrintConfigAsync("--catalog-file", catalogDir.Combine("models.json"));
        Assert.True(exitCode == 0, errors);
        Assert.Contains("model_catalog_json", config, StringComparison.Ordinal);
        using var codex = new CodexCli(config);

        var result = await codex.ExecAsync("Reply with ok");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(MetadataWarning, result.StandardError, StringComparison.Ordinal);
        Assert.Contains("apply_patch", ToolNames(Assert.Single(relay.Upstream.Requests)));
    }

    private static List<string?> ToolNames(JsonObject chat) =>
        chat["tools"]?.AsArray().Select(t => (string?)t!["function"]?["name"]).ToList() ?? [];
}
