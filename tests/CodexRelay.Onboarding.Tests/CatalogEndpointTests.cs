using System.Text.Json.Nodes;
using CodexRelay.Onboarding.Tests.Support;

namespace CodexRelay.Onboarding.Tests;

public sealed class CatalogEndpointTests
{
    private static readonly string[] RequiredFields =
    [
        "slug", "display_name", "support_verbosity", "truncation_policy", "supported_reasoning_levels", "shell_type",
        "visibility", "supported_in_api", "priority", "experimental_supported_tools", "base_instructions",
    ];

    [Fact]
    public async Task CodexCatalog_MappedAlias_HasRequiredFieldsUnderClientName()
    {
        await using var relay = await OnboardingRelay.StartAsync();
        using var http = new HttpClient();

        var body = await http.GetStringAsync(new Uri(relay.Relay.CatalogAddress + "?client_version=0.169.0"));

        Assert.True(body.Length < 1024 * 1024);
        var entry = Assert.Single(JsonNode.Parse(body)!["models"]!.AsArray())!.AsObject();
        Assert.All(RequiredFields, field => Assert.True(entry.ContainsKey(field), field));
        Assert.Equal(OnboardingRelay.Alias, (string?)entry["slug"]);
        Assert.Equal("freeform", (string?)entry["apply_patch_tool_type"]);
        Assert.False((bool)entry["supports_search_tool"]!);
        Assert.Equal(128_000, (int)entry["context_window"]!);
    }

    [Fact]
    public async Task OpenAiModels_StillListsUpstreamModelsAsData()
    {
        await using var relay = await OnboardingRelay.StartAsync();
        using var http = new HttpClient();

        var body = JsonNode.Parse(await http.GetStringAsync(new Uri(relay.Relay.ApiBaseAddress + "/models")))!;

        Assert.Equal("list", (string?)body["object"]);
        Assert.Contains(OnboardingRelay.UpstreamModel, body["data"]!.AsArray().Select(m => (string?)m!["id"]));
    }
}
