using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Tests.Translation;

/// <summary>Per-item rules, on the captured Codex requests and small hand-written inputs.</summary>
public sealed class ItemTranslationTests
{
    private static readonly TranslationSettings DeepSeek = TranslationSettings.From(new RelayOptions { ModelMap = "fake-model:deepseek-reasoner" });

    [Fact]
    public void ParallelCalls_JoinTheTurnsTextInOneAssistantMessage_ThenToolMessagesInOrder()
    {
        var messages = Messages(Fixtures.CodexRequest("parallel-turn2.json"));

        var assistant = messages[^3]!;
        Assert.Equal("Running two commands.", assistant["content"]!.GetValue<string>());
        Assert.Equal(["call_par_0", "call_par_1"], assistant["tool_calls"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal(["call_par_0", "call_par_1"], messages.TakeLast(2).Select(m => m!["tool_call_id"]!.GetValue<string>()));
    }

    [Fact]
    public void McpCall_UsesTheFlattenedName_AndArrayOutputKeepsAllText()
    {
        var messages = Messages(Fixtures.CodexRequest("mcp-turn2.json"));

        Assert.Equal("mcp__demo__echo_upper", messages[^2]!["tool_calls"]![0]!["function"]!["name"]!.GetValue<string>());
        var output = messages[^1]!["content"]!.GetValue<string>();
        Assert.Contains("HI THERE", output, StringComparison.Ordinal);
        Assert.Contains("Wall time", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomToolCall_BecomesAFunctionCallWithTheInputParameter()
    {
        var messages = Messages(Fixtures.CodexRequest("gpt55-turn2-apply-patch.json"));

        var call = messages[^2]!["tool_calls"]![0]!["function"]!;
        Assert.Equal("apply_patch", call["name"]!.GetValue<string>());
        var input = JsonNode.Parse(call["arguments"]!.GetValue<string>())!["input"]!.GetValue<string>();
        Assert.StartsWith("*** Begin Patch\n*** Add File: hello.txt", input, StringComparison.Ordinal);
        Assert.Equal("tool", messages[^1]!["role"]!.GetValue<string>());
    }

    [Fact]
    public void CustomTool_IsOfferedAsAFunctionWithOneStringParameter()
    {
        var translated = Fixtures.Translate(Fixtures.CodexRequest("gpt55-turn1.json"));

        var tool = translated.Body["tools"]!.AsArray().Single(t => t!["function"]!["name"]!.GetValue<string>() == "apply_patch")!;
        Assert.Equal("string", tool["function"]!["parameters"]!["properties"]!["input"]!["type"]!.GetValue<string>());
        Assert.Contains("Begin Patch", tool["function"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ToolKind.Custom, translated.ToolNames.Resolve("apply_patch").Kind);
        Assert.DoesNotContain(translated.Body["tools"]!.AsArray(), t => t!["function"]!["name"]!.GetValue<string>().Contains("tool_search", StringComparison.Ordinal));
    }

    [Fact]
    public void Reasoning_ComesBackOnItsAssistantMessage_ForModelsThatNeedIt()
    {
        var messages = Messages(Fixtures.CodexRequest("reasoning-turn2.json"), DeepSeek);

        var assistant = messages[^2]!;
        Assert.Equal("**Planning** I will run echo hello.", assistant["reasoning_content"]!.GetValue<string>());
        Assert.NotNull(assistant["tool_calls"]);
    }

    [Fact]
    public void Reasoning_IsNotSent_ToModelsThatRejectIt()
    {
        var messages = Messages(Fixtures.CodexRequest("reasoning-turn2.json"));

        Assert.DoesNotContain(messages, m => m!.AsObject().ContainsKey("reasoning_content"));
    }

    [Fact]
    public void ResumedSession_KeepsEveryTurnInOrder()
    {
        var roles = Messages(Fixtures.CodexRequest("resume-user-turn2.json")).Select(m => m!["role"]!.GetValue<string>()).ToList();

        Assert.Equal(["system", "user", "user", "assistant", "tool", "assistant", "user"], roles);
    }

    [Fact]
    public void Instructions_ComeFirst_LaterDeveloperMessagesStayInPlace()
    {
        var request = Fixtures.Read("""
            {"model":"m","instructions":"Be brief.","input":[
              {"type":"message","role":"developer","content":"Dev rules."},
              {"type":"message","role":"user","content":"Hi"},
              {"type":"message","role":"developer","content":[{"type":"input_text","text":"Late note."}]},
              {"type":"message","role":"user","content":"Again"}]}
            """);

        var messages = Messages(request);

        Assert.Equal("Be brief.\n\nDev rules.", messages[0]!["content"]!.GetValue<string>());
        Assert.Equal(["system", "user", "system", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("Late note.", messages[2]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void InputImage_BecomesAnImageUrlPart()
    {
        var request = Fixtures.Read("""
            {"model":"m","input":[{"role":"user","content":[
              {"type":"input_text","text":"What is this?"},
              {"type":"input_image","image_url":"data:image/png;base64,AAAA","detail":"high"}]}]}
            """);

        var content = Messages(request)[0]!["content"]!.AsArray();

        Assert.Equal("text", content[0]!["type"]!.GetValue<string>());
        Assert.Equal("data:image/png;base64,AAAA", content[1]!["image_url"]!["url"]!.GetValue<string>());
        Assert.Equal("high", content[1]!["image_url"]!["detail"]!.GetValue<string>());
    }

    [Fact]
    public void ImageToolOutput_FollowsTheToolRunAsAUserMessage()
    {
        var request = Fixtures.Read("""
            {"model":"m","input":[
              {"role":"user","content":"look"},
              {"type":"function_call","call_id":"c1","name":"view_image","arguments":"{}"},
              {"type":"function_call_output","call_id":"c1","output":[{"type":"input_image","image_url":"data:image/png;base64,BBBB"}]}]}
            """);

        var messages = Messages(request);

        Assert.Equal(["user", "assistant", "tool", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("data:image/png;base64,BBBB", messages[3]!["content"]![1]!["image_url"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public void UnknownItemTypes_AreSkipped_AndReported()
    {
        var request = Fixtures.Read("""
            {"model":"m","input":[{"type":"ghost_snapshot","x":1},{"role":"user","content":"hi"},{"type":"compaction_trigger"}]}
            """);

        var translated = Fixtures.Translate(request);

        Assert.Single(translated.Body["messages"]!.AsArray());
        Assert.Equal(["ghost_snapshot", "compaction_trigger"], translated.Skipped);
    }

    /// <summary>The translator is total: even a broken pair (which the front end answers with a 400, ToolCallPairingTests) becomes valid Chat.</summary>
    [Fact]
    public void OrphanToolOutput_BecomesUserText_AndUnansweredCallsGetAPlaceholder()
    {
        var request = Fixtures.Read("""
            {"model":"m","input":[
              {"type":"function_call_output","call_id":"lost","output":"old result"},
              {"type":"function_call","call_id":"c2","name":"exec_command","arguments":""},
              {"role":"user","content":"never mind"}]}
            """);

        var messages = Messages(request);

        Assert.Equal(["user", "assistant", "tool", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("{}", messages[1]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("c2", messages[2]!["tool_call_id"]!.GetValue<string>());
    }

    [Fact]
    public void Parameters_MapToChatFields()
    {
        var request = Fixtures.Read("""
            {"model":"m","input":"hi","max_output_tokens":256,"temperature":0.2,"top_p":0.9,"reasoning":{"effort":"high"},
             "tools":[{"type":"function","name":"f","parameters":{"type":"object"}}],"tool_choice":{"type":"function","name":"f"},"parallel_tool_calls":false,
             "text":{"format":{"type":"json_schema","name":"out","schema":{"type":"object"},"strict":true}}}
            """);

        var body = Fixtures.Translate(request).Body;

        Assert.Equal(256, body["max_tokens"]!.GetValue<int>());
        Assert.Equal(0.2, body["temperature"]!.GetValue<double>());
        Assert.Equal(0.9, body["top_p"]!.GetValue<double>());
        Assert.Equal("high", body["reasoning_effort"]!.GetValue<string>());
        Assert.Equal("f", body["tool_choice"]!["function"]!["name"]!.GetValue<string>());
        Assert.False(body["parallel_tool_calls"]!.GetValue<bool>());
        Assert.Equal("json_schema", body["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal("out", body["response_format"]!["json_schema"]!["name"]!.GetValue<string>());
    }

    private static JsonArray Messages(ResponsesRequest request, TranslationSettings? settings = null) =>
        Fixtures.Translate(request, settings).Body["messages"]!.AsArray();
}
