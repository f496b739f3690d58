using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Quirks;

namespace CodexRelay.Tests.Quirks;

public sealed class RequestQuirksTests
{
    [Fact]
    public void BlankMessages_AreDropped()
    {
        var body = Body("""[{"role":"system","content":"s"},{"role":"user","content":"  "},{"role":"assistant","content":""},{"role":"user","content":"hi"}]""");

        var fired = RequestQuirks.Apply(body, "deepseek-chat", new QuirkSettings());

        Assert.Equal([QuirkNames.DropBlankMessages], fired);
        Assert.Equal(["system", "user"], Roles(body));
    }

    [Fact]
    public void Mistral_LateSystemBecomesUser_AndToolIsFollowedByAssistant()
    {
        var body = Body("""
            [{"role":"system","content":"s"},{"role":"user","content":"a"},
             {"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"c","content":"r"},{"role":"system","content":"late"},{"role":"user","content":"b"}]
            """);

        var fired = RequestQuirks.Apply(body, "mistral-large-latest", new QuirkSettings());

        Assert.Contains(QuirkNames.NoLateSystem, fired);
        Assert.Contains(QuirkNames.UserAfterTool, fired);
        Assert.Equal(["system", "user", "assistant", "tool", "assistant", "user", "user"], Roles(body));
        Assert.Equal("[System note] late", body["messages"]![5]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void MaxCompletionTokens_ReplacesMaxTokens_ForModelsThatNeedIt()
    {
        var body = Body("""[{"role":"user","content":"hi"}]""");
        body["max_tokens"] = 100;

        RequestQuirks.Apply(body, "openai/o3-mini", new QuirkSettings());

        Assert.False(body.ContainsKey("max_tokens"));
        Assert.Equal(100, body["max_completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public void ThinkingSwitch_IsSentToGlmOnly()
    {
        var glm = Body("""[{"role":"user","content":"hi"}]""");
        var other = Body("""[{"role":"user","content":"hi"}]""");

        RequestQuirks.Apply(glm, "glm-4.6", new QuirkSettings());
        RequestQuirks.Apply(other, "deepseek-chat", new QuirkSettings());

        Assert.Equal("enabled", glm["thinking"]!["type"]!.GetValue<string>());
        Assert.False(other.ContainsKey("thinking"));
    }

    [Fact]
    public void DisabledQuirks_DoNotFire()
    {
        var body = Body("""[{"role":"user","content":""},{"role":"user","content":"hi"}]""");

        var fired = RequestQuirks.Apply(body, "glm-4.6", new QuirkSettings { Disabled = "drop_blank_messages, THINKING_SWITCH" });

        Assert.Empty(fired);
        Assert.Equal(2, body["messages"]!.AsArray().Count);
    }

    private static JsonObject Body(string messages) => new() { ["model"] = "m", ["messages"] = JsonNode.Parse(messages) };

    private static List<string> Roles(JsonObject body) => [.. body["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>())];
}
