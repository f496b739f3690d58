using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Streaming;
using CodexRelay.Gateway.Wire.Chat;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// Runs the request path's pure work — parse and validate a Codex-shaped request (instructions, messages, reasoning,
/// a tool call and its output, function, namespace and custom tools), translate it, write the Chat body, read a
/// streamed answer's chunks through the state machine and write its events and the stored record — a number of
/// times before the gateway reports ready (<c>CodexRelay:WarmUp:Requests</c>), so the JIT has compiled and tiered it
/// up before the first user arrives instead of on their requests. No I/O: nothing reaches a provider or the cluster.
/// </summary>
internal static class RequestPathWarmUp
{
    private static readonly Lazy<byte[]> Request = new(BuildRequest);
    private static readonly Lazy<string[]> Chunks = new(BuildChunks);

    /// <summary>Runs <paramref name="requests"/> synthetic requests; returns the bytes written (so the work is observable).</summary>
    public static long Run(int requests, TranslationSettings settings)
    {
        var written = 0L;
        for (var i = 0; i < requests; i++)
        {
            written += RunOne(settings);
        }

        return written;
    }

    private static long RunOne(TranslationSettings settings)
    {
        if (!RequestDocument.TryParse(Request.Value, out var document, out var parseError))
        {
            throw new InvalidOperationException("The warm-up request does not parse: " + parseError?.Message);
        }

        using (document)
        {
            if (!ResponsesRequestReader.TryRead(document.RootElement, out var request, out var readError))
            {
                throw new InvalidOperationException("The warm-up request is invalid: " + readError?.Message);
            }

            using var output = new PooledBufferWriter();
            var translated = ChatRequestTranslator.ToChatRequest(request, [], settings, request.Model, ReasoningReplay.Auto);
            translated.Body.WriteUtf8(output);
            using var machine = new ResponseStreamMachine(ResponseObjects.Create(request, "resp_warmup", 0), translated.ToolNames, RandomIdGenerator.Instance);
            Write(machine.Start(), output);
            foreach (var chunk in Chunks.Value)
            {
                Write(machine.OnChunk(ChatChunkReader.Read(chunk)), output);
            }

            Write(machine.Finish(out var final), output);
            Write(machine.Terminal(final), output);
            return output.WrittenCount + Encoding.UTF8.GetByteCount(ResponseObjects.InputItemsJson(request)) + Encoding.UTF8.GetByteCount(final.ToJson());
        }
    }

    private static void Write(ResponseEventBatch events, PooledBufferWriter output)
    {
        for (var i = 0; i < events.Count; i++)
        {
            output.Write(events.JsonAt(i).Span);
        }
    }

    private static byte[] BuildRequest() => Encoding.UTF8.GetBytes(CodexShapedRequest().ToJsonString());

    /// <summary>A Codex-shaped request: instructions, messages, reasoning, a tool call and its output, four kinds of tool.</summary>
    public static JsonObject CodexShapedRequest()
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["cmd"] = new JsonObject { ["type"] = "string", ["description"] = "The command to run." },
                ["workdir"] = new JsonObject { ["type"] = "string" },
                ["timeout_ms"] = new JsonObject { ["type"] = "number" },
            },
            ["required"] = new JsonArray("cmd"),
            ["additionalProperties"] = false,
        };
        var request = new JsonObject
        {
            ["model"] = "warm-up-model",
            ["instructions"] = string.Concat(Enumerable.Repeat("You are a coding agent running in a terminal. ", 40)),
            ["input"] = new JsonArray(
                new JsonObject { ["type"] = "message", ["role"] = "developer", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = "<permissions>workspace-write</permissions>" }) },
                new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = "List the files, then explain them." }) },
                new JsonObject { ["type"] = "reasoning", ["summary"] = new JsonArray(), ["content"] = new JsonArray(new JsonObject { ["type"] = "reasoning_text", ["text"] = "Run ls first." }), ["encrypted_content"] = ReasoningProvenance.ReasoningContent },
                new JsonObject { ["type"] = "function_call", ["call_id"] = "call_warm", ["name"] = "exec_command", ["arguments"] = """{"cmd":"ls -la"}""" },
                new JsonObject { ["type"] = "function_call_output", ["call_id"] = "call_warm", ["output"] = "total 8\nREADME.md\nsrc" },
                new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = "Two entries." }) }),
            ["tools"] = new JsonArray(
                new JsonObject { ["type"] = "function", ["name"] = "exec_command", ["description"] = "Runs a command.", ["strict"] = false, ["parameters"] = schema.DeepClone() },
                new JsonObject { ["type"] = "function", ["name"] = "write_stdin", ["description"] = "Writes to a session.", ["strict"] = false, ["parameters"] = schema.DeepClone() },
                new JsonObject { ["type"] = "namespace", ["name"] = "mcp__docs", ["description"] = "Docs server", ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "search", ["parameters"] = schema.DeepClone() }) },
                new JsonObject { ["type"] = "custom", ["name"] = "apply_patch", ["description"] = "Edits files.", ["format"] = new JsonObject { ["type"] = "grammar", ["syntax"] = "lark", ["definition"] = "start: /.+/" } }),
            ["tool_choice"] = "auto",
            ["parallel_tool_calls"] = true,
            ["reasoning"] = new JsonObject { ["effort"] = "medium", ["summary"] = "auto" },
            ["store"] = true,
            ["stream"] = true,
            ["include"] = new JsonArray("reasoning.encrypted_content"),
            ["prompt_cache_key"] = "warm-up",
        };
        return request;
    }

    private static string[] BuildChunks()
    {
        static string Chunk(JsonObject delta, string? finish = null) =>
            new JsonObject { ["id"] = "c", ["object"] = "chat.completion.chunk", ["created"] = 0, ["model"] = "warm-up-model", ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }) }.ToJsonString();

        var chunks = new List<string> { Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }) };
        chunks.AddRange(Enumerable.Range(0, 8).Select(i => Chunk(new JsonObject { ["reasoning_content"] = $"thought {i} " })));
        chunks.AddRange(Enumerable.Range(0, 16).Select(i => Chunk(new JsonObject { ["content"] = $"word{i} " })));
        chunks.Add(Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["id"] = "call_1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "exec_command", ["arguments"] = "" } }) }));
        chunks.AddRange(new[] { "{\"cmd\":", "\"cat README.md\"", "}" }.Select(part => Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = part } }) })));
        chunks.Add(Chunk(new JsonObject(), "tool_calls"));
        chunks.Add("""{"id":"c","object":"chat.completion.chunk","created":0,"model":"warm-up-model","choices":[],"usage":{"prompt_tokens":1200,"completion_tokens":90,"total_tokens":1290,"prompt_tokens_details":{"cached_tokens":1000},"completion_tokens_details":{"reasoning_tokens":40}}}""");
        return [.. chunks];
    }
}
