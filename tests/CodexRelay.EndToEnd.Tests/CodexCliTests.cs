using System.Text.Json.Nodes;
using CodexRelay.Testing.Codex;
using CodexRelay.Testing.Files;
using CodexRelay.Testing.Processes;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>The real Codex CLI 0.169.0 through the relay against a strict scripted Chat Completions provider.</summary>
public sealed class CodexCliTests
{
    [Fact]
    public async Task ShellToolLoop_RunsTheCommand_AndSendsItsOutputBack()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(
            ScriptedReply.Stream(
                Chunks.ToolCall(0, "call_shell_1", "exec_command", ""),
                Chunks.ToolCall(0, null, null, "{\"cmd\": \"echo hello-"),
                Chunks.ToolCall(0, null, null, "from-relay\"}"),
                Chunks.Finish("tool_calls"),
                Chunks.Usage()),
            ScriptedReply.Stream(Chunks.Answer("The command printed hello-from-relay.")));
        using var codex = new CodexCli();

        var result = await codex.ExecAsync(harness.Api, "scripted-model", "Run echo hello-from-relay");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("The command printed hello-from-relay.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(harness.Upstream.Rejections);
        var second = harness.Upstream.Requests[1];
        var tool = Messages(second).Single(m => Role(m) == "tool");
        Assert.Equal("call_shell_1", tool["tool_call_id"]!.GetValue<string>());
        Assert.Contains("hello-from-relay", tool["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Bearer " + CodexCli.ClientKey, harness.Upstream.Authorizations[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ApplyPatch_FreeformTool_CreatesTheFile(bool webSockets)
    {
        await using var harness = await RelayHarness.StartAsync();
        var patch = "*** Begin Patch\n*** Add File: hello.txt\n+hello from the relay\n*** End Patch\n";
        harness.Upstream.Enqueue(
            ScriptedReply.Stream(
                Chunks.ToolCall(0, "call_patch_1", "apply_patch", new JsonObject { ["input"] = patch }.ToJsonString()),
                Chunks.Finish("tool_calls")),
            ScriptedReply.Stream(Chunks.Answer("Created hello.txt.")));
        using var codex = new CodexCli();
        var catalog = WriteCatalog(codex, "scripted-model");

        var result = await codex.ExecAsync(harness.Api, "scripted-model", "Create hello.txt", webSockets, extraConfig: [$"model_catalog_json=\"{catalog}\""]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello from the relay\n", File.ReadAllText(Path.Combine(codex.WorkDirectory, "hello.txt")));
        var offered = Tools(harness.Upstream.Requests[0]).Single(t => t["function"]!["name"]!.GetValue<string>() == "apply_patch");
        Assert.Equal("string", offered["function"]!["parameters"]!["properties"]!["input"]!["type"]!.GetValue<string>());
        var tool = Messages(harness.Upstream.Requests[1]).Single(m => Role(m) == "tool");
        Assert.Contains("hello.txt", tool["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(harness.Upstream.Rejections);
    }

    [Fact]
    public async Task ParallelCalls_ComeBackAsOneAssistantMessage_AndTwoToolResults()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(
            ScriptedReply.Stream(
                Chunks.Text("Running both."),
                Chunks.ToolCall(0, "call_a", "exec_command", "{\"cmd\":\"echo first-one\"}"),
                Chunks.ToolCall(1, "call_b", "exec_command", "{\"cmd\":\"echo second-two\"}"),
                Chunks.Finish("tool_calls")),
            ScriptedReply.Stream(Chunks.Answer("Both ran.")));
        using var codex = new CodexCli();

        var result = await codex.ExecAsync(harness.Api, "scripted-model", "Run two commands");

        Assert.True(result.ExitCode == 0, result.ToString());
        var messages = Messages(harness.Upstream.Requests[1]);
        var assistant = messages.Single(m => Role(m) == "assistant");
        Assert.Equal("Running both.", assistant["content"]!.GetValue<string>());
        Assert.Equal(["call_a", "call_b"], assistant["tool_calls"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        var tools = messages.Where(m => Role(m) == "tool").ToList();
        Assert.Equal(["call_a", "call_b"], tools.Select(t => t["tool_call_id"]!.GetValue<string>()));
        Assert.Contains("first-one", tools[0]["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("second-two", tools[1]["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(harness.Upstream.Rejections);
    }

    [Fact]
    public async Task McpTool_FlattenedForTheProvider_MappedBackForCodex()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(
            ScriptedReply.Stream(
                Chunks.ToolCall(0, "call_mcp_1", "mcp__demo__echo_upper", "{\"text\":\"quiet words\"}"),
                Chunks.Finish("tool_calls")),
            ScriptedReply.Stream(Chunks.Answer("It said QUIET WORDS.")));
        using var codex = new CodexCli();
        var server = TestPaths.Fixture("mcp", "echo-upper-server.js");

        var result = await codex.ExecAsync(harness.Api, "scripted-model", "Shout quiet words", extraConfig: [$"mcp_servers.demo={{command=\"node\",args=[\"{server}\"]}}"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Tools(harness.Upstream.Requests[0]), t => t["function"]!["name"]!.GetValue<string>() == "mcp__demo__echo_upper");
        var tool = Messages(harness.Upstream.Requests[1]).Single(m => Role(m) == "tool");
        Assert.Contains("QUIET WORDS", tool["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("unsupported call", tool["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThinkingModel_ToolLoop_CarriesTheReasoningBack()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.ThinkingMode = true;
        harness.Upstream.Enqueue(
            ScriptedReply.Stream(
                Chunks.Reasoning("I should list "),
                Chunks.Reasoning("the directory first."),
                Chunks.ToolCall(0, "call_think_1", "exec_command", "{\"cmd\":\"echo thought-through\"}"),
                Chunks.Finish("tool_calls")),
            ScriptedReply.Stream([Chunks.Reasoning("Done thinking."), .. Chunks.Answer("Listed.")]));
        using var codex = new CodexCli();

        var result = await codex.ExecAsync(harness.Api, "deepseek-reasoner", "List the directory");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(harness.Upstream.Rejections);
        var assistant = Messages(harness.Upstream.Requests[1]).Single(m => Role(m) == "assistant");
        Assert.Equal("I should list the directory first.", assistant["reasoning_content"]!.GetValue<string>());
        Assert.Equal("call_think_1", assistant["tool_calls"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task WebSocket_ToolLoop_SendsTheSameConversationUpstreamAsHttp()
    {
        await using var harness = await RelayHarness.StartAsync();
        ScriptedReply[] script =
        [
            ScriptedReply.Stream(Chunks.ToolCall(0, "call_ws_1", "exec_command", "{\"cmd\":\"echo over-the-socket\"}"), Chunks.Finish("tool_calls")),
            ScriptedReply.Stream(Chunks.Answer("Socket done.")),
        ];
        harness.Upstream.Enqueue(script);
        using (var http = new CodexCli())
        {
            Assert.Equal(0, (await http.ExecAsync(harness.Api, "scripted-model", "Run echo over-the-socket")).ExitCode);
        }

        harness.Upstream.Enqueue(script);
        using var codex = new CodexCli();

        var result = await codex.ExecAsync(harness.Api, "scripted-model", "Run echo over-the-socket", webSockets: true);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Socket done.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(harness.Upstream.Rejections);
        var requests = harness.Upstream.Requests;
        Assert.Equal(4, requests.Count);
        Assert.Equal(Shape(requests[1]), Shape(requests[3]));
    }

    [Fact]
    public async Task WebSocket_GatewayReplacedMidSession_CodexReconnectsAndResendsInFull()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        upstream.Enqueue(
            ScriptedReply.Stream(Chunks.ToolCall(0, "call_slow", "exec_command", "{\"cmd\":\"touch tool-started; sleep 3; echo after-restart\"}"), Chunks.Finish("tool_calls")),
            ScriptedReply.Stream(Chunks.Answer("Recovered.")));
        var port = FreePorts.Next();
        var options = new Gateway.Embedding.RelayStartOptions { Port = port, Upstream = upstream.BaseAddress.ToString().TrimEnd('/') };
        var first = await Gateway.Embedding.CodexRelayServer.StartAsync(options);
        using var codex = new CodexCli();
        var run = codex.ExecAsync(first.ApiBaseAddress, "scripted-model", "Run the slow command", webSockets: true);

        // Codex is running the tool: its answer to the first request has arrived; replace the gateway now.
        var started = Path.Combine(codex.WorkDirectory, "tool-started");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!File.Exists(started) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await first.DisposeAsync();
        await using var second = await Gateway.Embedding.CodexRelayServer.StartAsync(options);
        var result = await run;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Recovered.", result.StandardOutput, StringComparison.Ordinal);
        var resent = upstream.Requests[^1];
        var tool = Messages(resent).Single(m => Role(m) == "tool");
        Assert.Contains("after-restart", tool["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(Messages(resent), m => Role(m) == "system");
        Assert.Empty(upstream.Rejections);
    }

    /// <summary>Roles and tool-call structure of a request: what must match between transports (ids and timings differ).</summary>
    private static string Shape(JsonObject request) => string.Join("|", Messages(request).Select(m =>
        Role(m) + ":" + (m["tool_calls"] as JsonArray)?.Count + ":" + (Role(m) == "tool" ? "" : m["content"]?.ToString().Length.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private static string WriteCatalog(CodexCli codex, string slug)
    {
        var catalog = JsonNode.Parse(File.ReadAllText(TestPaths.Fixture("codex_0_169_0", "catalog-minimal.json")))!;
        catalog["models"]![0]!["slug"] = slug;
        var path = Path.Combine(codex.Home, "catalog.json");
        File.WriteAllText(path, catalog.ToJsonString());
        return path;
    }

    private static List<JsonObject> Messages(JsonObject request) => [.. request["messages"]!.AsArray().Select(m => m!.AsObject())];

    private static List<JsonObject> Tools(JsonObject request) => [.. request["tools"]!.AsArray().Select(t => t!.AsObject())];

    private static string Role(JsonObject message) => message["role"]!.GetValue<string>();
}
