using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;

namespace CodexRelay.Tests.Translation;

/// <summary>Every translation rule, checked on the requests the real Codex 0.169.0 sent.</summary>
public sealed class CodexRequestTranslationTests
{
    [Fact]
    public void Turn1_LeadingDeveloperMessages_BecomeOneSystemMessage()
    {
        var body = Fixtures.Translate(Fixtures.CodexRequest("turn1.json")).Body;
        var messages = body["messages"]!.AsArray();

        Assert.Equal("system", messages[0]!["role"]!.GetValue<string>());
        Assert.True(messages[0]!["content"]!.GetValue<string>().Length > 10_000);
        Assert.DoesNotContain(messages.Skip(1), m => m!["role"]!.GetValue<string>() is "system" or "developer");
        Assert.Equal("user", messages[^1]!["role"]!.GetValue<string>());
    }

    [Fact]
    public void Turn2_FunctionCallAndOutput_BecomeToolCallAndToolMessage()
    {
        var messages = Fixtures.Translate(Fixtures.CodexRequest("turn2.json")).Body["messages"]!.AsArray();

        var assistant = messages[^2]!;
        var tool = messages[^1]!;
        Assert.Equal("assistant", assistant["role"]!.GetValue<string>());
        var call = assistant["tool_calls"]![0]!;
        Assert.Equal("exec_command", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal("tool", tool["role"]!.GetValue<string>());
        Assert.Equal(call["id"]!.GetValue<string>(), tool["tool_call_id"]!.GetValue<string>());
    }

    [Fact]
    public void Turn1_Tools_NamespaceFlattenedAndWebSearchDropped()
    {
        var translated = Fixtures.Translate(Fixtures.CodexRequest("turn1.json"));
        var names = translated.Body["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();

        Assert.Contains("exec_command", names);
        Assert.Contains("multi_agent_v1__spawn_agent", names);
        Assert.DoesNotContain(names, n => n.Contains("web_search", StringComparison.Ordinal));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", n));
        var target = translated.ToolNames.Resolve("multi_agent_v1__spawn_agent");
        Assert.Equal(("spawn_agent", "multi_agent_v1"), (target.Name, target.Namespace));
    }

    [Fact]
    public void CompactionRequest_EmptyTools_AreOmitted()
    {
        var body = Fixtures.Translate(Fixtures.CodexRequest("compaction-request.json")).Body;

        Assert.False(body.ContainsKey("tools"));
        Assert.False(body.ContainsKey("tool_choice"));
        Assert.False(body.ContainsKey("parallel_tool_calls"));
    }

    [Fact]
    public void ToolDenylist_RemovesNamedTools()
    {
        var settings = TranslationSettings.From(new RelayOptions { ToolDenylist = "view_image,multi_agent_v1" });
        var names = Fixtures.Translate(Fixtures.CodexRequest("turn1.json"), settings).Body["tools"]!.AsArray()
            .Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();

        Assert.DoesNotContain("view_image", names);
        Assert.DoesNotContain(names, n => n.StartsWith("multi_agent_v1", StringComparison.Ordinal));
        Assert.Contains("exec_command", names);
    }

    [Fact]
    public void ModelMap_RewritesTheModel()
    {
        var settings = TranslationSettings.From(new RelayOptions { ModelMap = "fake-model:deepseek-chat,other:qwen:7b" });
        var body = Fixtures.Translate(Fixtures.CodexRequest("turn1.json"), settings).Body;

        Assert.Equal("deepseek-chat", body["model"]!.GetValue<string>());
        Assert.Equal("qwen:7b", settings.MapModel("other"));
    }

    [Fact]
    public void StreamOptions_AlwaysAskForUsage()
    {
        var body = Fixtures.Translate(Fixtures.CodexRequest("turn1.json")).Body;

        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.True(body["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public void Turn1_UnknownFields_AreAcceptedAndNotForwarded()
    {
        var body = Fixtures.Translate(Fixtures.CodexRequest("turn1.json")).Body;

        foreach (var key in new[] { "store", "include", "prompt_cache_key", "client_metadata", "input", "reasoning" })
        {
            Assert.False(body.ContainsKey(key), key);
        }
    }

    private static JsonArray Messages(string fixture) => Fixtures.Translate(Fixtures.CodexRequest(fixture)).Body["messages"]!.AsArray();
}
