using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Codex;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>
/// A thinking model no list names, driven by the real Codex CLI in a tool loop: the provider requires its
/// reasoning_content back (as DeepSeek does), and gets it from the reasoning item's provenance alone.
/// </summary>
public sealed class ThinkingProviderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnlistedThinkingModel_ToolLoop_SecondRequestCarriesTheSameReasoningContent(bool webSockets)
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.ThinkingMode = true;
        harness.Upstream.Enqueue(
            ScriptedReply.Stream(
                Chunks.Reasoning("The user wants the folder; "),
                Chunks.Reasoning("run ls first."),
                Chunks.ToolCall(0, "call_glm_1", "exec_command", "{\"cmd\":\"echo glm-listed\"}"),
                Chunks.Finish("tool_calls")),
            ScriptedReply.Stream([Chunks.Reasoning("It printed glm-listed."), .. Chunks.Answer("Listed.")]));
        using var codex = new CodexCli();

        var result = await codex.ExecAsync(harness.Api, "glm-thinker", "List the directory", webSockets: webSockets);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(harness.Upstream.Rejections);
        Assert.Equal(2, harness.Upstream.Requests.Count);
        var assistant = Messages(harness.Upstream.Requests[1]).Single(m => m["role"]!.GetValue<string>() == "assistant");
        Assert.Equal("The user wants the folder; run ls first.", assistant["reasoning_content"]!.GetValue<string>());
        Assert.Equal("call_glm_1", assistant["tool_calls"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProviderWithReplayNever_GetsNoReasoningContent_WhileAnAutoProviderDoes()
    {
        await using var never = await StrictChatUpstream.StartAsync();
        await using var auto = await StrictChatUpstream.StartAsync();
        await using var relay = await ProviderRoutingTests.StartAsync(null,
            ProviderRoutingTests.Provider("never", never), "--CodexRelay:Providers:never:ReplayReasoning=never",
            ProviderRoutingTests.Provider("auto", auto),
            "--CodexRelay:Routes:0:Models=plain-*", "--CodexRelay:Routes:0:Providers:0=never",
            "--CodexRelay:Routes:1:Models=*", "--CodexRelay:Routes:1:Providers:0=auto");
        never.DefaultReply = auto.DefaultReply = ScriptedReply.Stream(Chunks.Answer("ok."));

        foreach (var model in new[] { "plain-model", "thinking-model" })
        {
            using var response = await RelayHttp.PostAsync(ProviderRoutingTests.Api(relay), ToolTurn(model));
            Assert.Equal("response.completed", RelayHttp.Type((await RelayHttp.EventsAsync(response))[^1]));
        }

        Assert.False(Messages(Assert.Single(never.Requests)).Single(m => m["role"]!.GetValue<string>() == "assistant").ContainsKey("reasoning_content"));
        Assert.Equal("Plan: list.", Messages(Assert.Single(auto.Requests)).Single(m => m["role"]!.GetValue<string>() == "assistant")["reasoning_content"]!.GetValue<string>());
    }

    /// <summary>A second turn as Codex sends it: the relay's reasoning item (with its provenance) and the call it belongs to.</summary>
    private static string ToolTurn(string model) => new JsonObject
    {
        ["model"] = model,
        ["stream"] = true,
        ["store"] = false,
        ["input"] = new JsonArray
        {
            new JsonObject { ["role"] = "user", ["content"] = "list" },
            new JsonObject
            {
                ["type"] = "reasoning",
                ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = "Plan: list." }),
                ["content"] = new JsonArray(new JsonObject { ["type"] = "reasoning_text", ["text"] = "Plan: list." }),
                ["encrypted_content"] = "codex-relay:v1:reasoning_content",
            },
            new JsonObject { ["type"] = "function_call", ["call_id"] = "call_1", ["name"] = "exec_command", ["arguments"] = "{}" },
            new JsonObject { ["type"] = "function_call_output", ["call_id"] = "call_1", ["output"] = "a.txt" },
        },
    }.ToJsonString();

    private static List<JsonObject> Messages(JsonObject request) => [.. request["messages"]!.AsArray().Select(m => m!.AsObject())];
}
