using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Streaming;
using CodexRelay.Gateway.Translation.Tools;

namespace CodexRelay.Tests.Streaming;

public sealed class ResponseStreamMachineTests
{
    [Fact]
    public void Text_EmitsTheFullEventSequence_InOrder()
    {
        var stream = RecordedStream.Replay("text-stop.jsonl");

        Assert.Equal(
            [
                "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed",
            ],
            stream.Types);
        Assert.Equal(Enumerable.Range(0, stream.Events.Count), stream.Events.Select(e => e["sequence_number"]!.GetValue<int>()));
        Assert.Equal("Hello, world", RecordedStream.Text(stream.Output[0]!["content"]![0]!["text"]));
    }

    [Fact]
    public void Text_Usage_HasInputOutputTotalAndCachedTokens()
    {
        var usage = RecordedStream.Replay("text-stop.jsonl").Response["usage"]!;

        Assert.Equal(100, usage["input_tokens"]!.GetValue<long>());
        Assert.Equal(5, usage["output_tokens"]!.GetValue<long>());
        Assert.Equal(105, usage["total_tokens"]!.GetValue<long>());
        Assert.Equal(64, usage["input_tokens_details"]!["cached_tokens"]!.GetValue<long>());
    }

    [Fact]
    public void FragmentedArguments_StreamAsDeltas_AndJoinInTheItem()
    {
        var stream = RecordedStream.Replay("fragmented-tool-args.jsonl");

        var deltas = stream.Events.Where(e => RecordedStream.Text(e["type"]) == "response.function_call_arguments.delta")
            .Select(e => RecordedStream.Text(e["delta"])).ToList();
        Assert.Equal(["{\"cmd\"", ": \"echo ", "hello\"}"], deltas);
        var item = stream.Output.Single()!;
        Assert.Equal("function_call", RecordedStream.Text(item["type"]));
        Assert.Equal("call_a", RecordedStream.Text(item["call_id"]));
        Assert.Equal("{\"cmd\": \"echo hello\"}", RecordedStream.Text(item["arguments"]));
        Assert.Equal("response.completed", stream.Types.Last());
    }

    [Fact]
    public void ParallelCalls_KeepOrder_AndMapNamespacesBack()
    {
        var names = new ToolNameMap();
        names.Add(new ToolTarget(ToolKind.Function, "exec_command", null));
        names.Add(new ToolTarget(ToolKind.Function, "echo_upper", "mcp__demo"));

        var output = RecordedStream.Replay("parallel-calls.jsonl", names).Output;

        Assert.Equal(["message", "function_call", "function_call"], output.Select(i => RecordedStream.Text(i!["type"])));
        Assert.Equal("call_1", RecordedStream.Text(output[1]!["call_id"]));
        Assert.Equal("echo_upper", RecordedStream.Text(output[2]!["name"]));
        Assert.Equal("mcp__demo", RecordedStream.Text(output[2]!["namespace"]));
        Assert.Equal("{\"text\":\"hi\"}", RecordedStream.Text(output[2]!["arguments"]));
    }

    [Fact]
    public void DeepSeekReasoning_BecomesAReasoningItemBeforeTheCall()
    {
        var stream = RecordedStream.Replay("deepseek-reasoning-tool.jsonl");

        var reasoning = stream.Output[0]!;
        Assert.Equal("reasoning", RecordedStream.Text(reasoning["type"]));
        Assert.Equal("The user wants a shell command.", RecordedStream.Text(reasoning["content"]![0]!["text"]));
        Assert.Equal("The user wants a shell command.", RecordedStream.Text(reasoning["summary"]![0]!["text"]));
        Assert.Equal("function_call", RecordedStream.Text(stream.Output[1]!["type"]));
        Assert.Contains("response.reasoning_summary_text.delta", stream.Types);
        Assert.Equal(12, stream.Response["usage"]!["output_tokens_details"]!["reasoning_tokens"]!.GetValue<long>());
        Assert.Equal(32, stream.Response["usage"]!["input_tokens_details"]!["cached_tokens"]!.GetValue<long>());
    }

    [Fact]
    public void ThinkTags_SplitAcrossChunks_BecomeReasoningAndText()
    {
        var output = RecordedStream.Replay("think-tags.jsonl").Output;

        Assert.Equal("Let me think carefully.", RecordedStream.Text(output[0]!["content"]![0]!["text"]));
        Assert.Equal("The answer is 4.", RecordedStream.Text(output[1]!["content"]![0]!["text"]));
    }

    [Fact]
    public void FinishWithoutDone_CompletesNormally()
    {
        var stream = RecordedStream.Replay("finish-without-done.jsonl");

        Assert.Equal("response.completed", stream.Types.Last());
        Assert.Equal("completed", RecordedStream.Text(stream.Response["status"]));
    }

    [Fact]
    public void StreamWithoutFinishReason_Fails_NeverCompletes()
    {
        var stream = RecordedStream.Replay("truncated.jsonl");

        Assert.Equal("response.failed", stream.Types.Last());
        Assert.DoesNotContain("response.completed", stream.Types);
        Assert.Equal("stream_truncated", RecordedStream.Text(stream.Response["error"]!["code"]));
    }

    [Fact]
    public void LengthFinish_IsIncompleteWithMaxOutputTokens()
    {
        var stream = RecordedStream.Replay("length.jsonl");

        Assert.Equal("response.incomplete", stream.Types.Last());
        Assert.Equal("max_output_tokens", RecordedStream.Text(stream.Response["incomplete_details"]!["reason"]));
    }

    [Fact]
    public void CustomTool_ReturnsCustomToolCallWithRawInput()
    {
        var names = new ToolNameMap();
        names.Add(new ToolTarget(ToolKind.Custom, "apply_patch", null));

        var stream = RecordedStream.Replay("apply-patch.jsonl", names);

        var item = stream.Output.Single()!;
        Assert.Equal("custom_tool_call", RecordedStream.Text(item["type"]));
        Assert.Equal("apply_patch", RecordedStream.Text(item["name"]));
        Assert.Equal("*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n", RecordedStream.Text(item["input"]));
        Assert.Contains("response.custom_tool_call_input.done", stream.Types);
        Assert.DoesNotContain("response.function_call_arguments.delta", stream.Types);
    }

    [Fact]
    public void DsmlMarkupInText_IsHealedIntoToolCalls_AndStripped()
    {
        var stream = RecordedStream.Replay("deepseek-dsml-leak.jsonl");

        Assert.Equal(["message", "function_call"], stream.Output.Select(i => RecordedStream.Text(i!["type"])));
        Assert.Equal("Let me check.", RecordedStream.Text(stream.Output[0]!["content"]![0]!["text"]));
        var call = stream.Output[1]!;
        Assert.Equal("exec_command", RecordedStream.Text(call["name"]));
        Assert.StartsWith("call_dsml_", RecordedStream.Text(call["call_id"]), StringComparison.Ordinal);
        Assert.Equal("{\"cmd\":\"ls -la\",\"yield_time_ms\":500}", RecordedStream.Text(call["arguments"]));
        Assert.DoesNotContain(stream.Events, e => e.ToJsonString().Contains("DSML", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateOrMissingCallIds_GetUniqueIds_AndEmptyArgumentsBecomeAnEmptyObject()
    {
        var output = RecordedStream.Replay("duplicate-call-ids.jsonl").Output;

        var ids = output.Select(i => RecordedStream.Text(i!["call_id"])).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal("call_same", ids[0]);
        Assert.Equal("{}", RecordedStream.Text(output[2]!["arguments"]));
    }
}
