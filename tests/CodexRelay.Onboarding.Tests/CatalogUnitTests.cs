using System.Text.Json.Nodes;
using CodexRelay.Gateway.Catalog;
using CodexRelay.Gateway.Cli;

namespace CodexRelay.Onboarding.Tests;

public sealed class CatalogUnitTests
{
    private static readonly Dictionary<string, string> Map = new() { ["gpt-5.4"] = "deepseek-reasoner" };

    private static JsonObject Template() => new()
    {
        ["slug"] = "template", ["base_instructions"] = "from codex", ["upgrade"] = new JsonObject(),
        ["apply_patch_tool_type"] = "freeform", ["visibility"] = "list", ["shell_type"] = "unified_exec",
        ["padding"] = new string('x', 2000),
    };

    [Fact]
    public void Select_Default_ListsAliasesAndConfiguredModelsOnly()
    {
        var options = new CatalogOptions { Overrides = [new ModelProfileOverride { Model = "qwen*", ContextWindow = 32_000 }] };

        var models = CatalogSelection.Select(options, Map, ["deepseek-chat", "qwen-max", "llama-3"]);

        Assert.Equal(["gpt-5.4", "qwen-max"], models.Select(m => m.Slug));
        Assert.Equal("deepseek-reasoner", models[0].UpstreamModel);
        Assert.Equal(["low", "medium", "high"], models[0].Profile.ReasoningLevels);
        Assert.Equal(32_000, models[1].Profile.ContextWindow);
        Assert.Equal(25_600, models[1].Profile.AutoCompactTokenLimit);
    }

    [Fact]
    public void Select_NothingMappedOrConfigured_ListsUpstreamModels()
    {
        var models = CatalogSelection.Select(new CatalogOptions(), new Dictionary<string, string>(), ["a", "b"]);

        Assert.Equal(["a", "b"], models.Select(m => m.Slug));
    }

    [Fact]
    public void Select_Pattern_FiltersAliasesAndUpstreamModels()
    {
        var models = CatalogSelection.Select(new CatalogOptions { Models = "deepseek-*" }, Map, ["deepseek-chat", "qwen-max"]);

        Assert.Equal(["deepseek-chat"], models.Select(m => m.Slug));
    }

    [Fact]
    public void Lookup_UnknownModel_GetsSafeDefaults()
    {
        var profile = ModelFamilies.Lookup("some-new-model");

        Assert.Equal(128_000, profile.ContextWindow);
        Assert.Empty(profile.ReasoningLevels);
        Assert.Equal(["text"], profile.InputModalities);
    }

    [Fact]
    public void ToEntry_KeepsTemplateInstructions_OverridesIdentityAndDropsOpenAiFields()
    {
        var model = CatalogSelection.Describe("gpt-5.4", new CatalogOptions(), Map);

        var entry = CodexCatalogBuilder.ToEntry(Template(), model, priority: 1);

        Assert.Equal("gpt-5.4", (string?)entry["slug"]);
        Assert.Equal("from codex", (string?)entry["base_instructions"]);
        Assert.Equal("freeform", (string?)entry["apply_patch_tool_type"]);
        Assert.False((bool)entry["supports_search_tool"]!);
        Assert.False(entry.ContainsKey("upgrade"));
        Assert.Equal(102_400, (int)entry["auto_compact_token_limit"]!);
    }

    [Fact]
    public void Build_OverCap_LeavesOutTrailingModels()
    {
        var models = CatalogSelection.Select(new CatalogOptions(), new Dictionary<string, string>(), ["a", "b", "c"]);

        var entryBytes = CodexCatalogBuilder.ToEntry(Template(), models[0], priority: 1).ToJsonString().Length;

        var build = CodexCatalogBuilder.Build(Template(), models, maxBytes: (2 * entryBytes) + 100);

        Assert.Equal(2, build.Catalog["models"]!.AsArray().Count);
        Assert.Equal(["c"], build.Omitted);
    }

    [Fact]
    public void Choose_NoSlug_PicksSmallestListedFreeformEntryWithInstructions()
    {
        var root = new JsonObject
        {
            ["models"] = new JsonArray(
                new JsonObject { ["slug"] = "big", ["visibility"] = "list", ["apply_patch_tool_type"] = "freeform", ["base_instructions"] = new string('b', 100) },
                new JsonObject { ["slug"] = "code", ["visibility"] = "list", ["apply_patch_tool_type"] = "freeform", ["tool_mode"] = "code_mode_only", ["base_instructions"] = "" },
                new JsonObject { ["slug"] = "hidden", ["visibility"] = "hide", ["apply_patch_tool_type"] = "freeform", ["base_instructions"] = "h" },
                new JsonObject { ["slug"] = "small", ["visibility"] = "list", ["apply_patch_tool_type"] = "freeform", ["base_instructions"] = "s" }),
        };

        Assert.Equal("small", (string?)CatalogTemplateLoader.Choose(root, null)["slug"]);
        Assert.Equal("big", (string?)CatalogTemplateLoader.Choose(root, "big")["slug"]);
    }

    [Fact]
    public void Quote_Injection_StaysOneTomlString()
    {
        Assert.Equal("\"a\\\"\\nb = 1\"", CodexConfigWriter.Quote("a\"\nb = 1"));
    }
}
