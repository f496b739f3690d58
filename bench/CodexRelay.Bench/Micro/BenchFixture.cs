using System.Text.Json;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Streaming;
using CodexRelay.Gateway.Wire.Chat;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Bench.Micro;

/// <summary>The realistic inputs: the captured Codex turn2 body, and a chunk stream shaped like a short tool-calling answer.</summary>
internal static class BenchFixture
{
    public static readonly TranslationSettings Settings = new();

    public static byte[] Turn2Body()
    {
        using var capture = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryRoot(), "tests/fixtures/codex_0_169_0/turn2.json")));
        return JsonSerializer.SerializeToUtf8Bytes(capture.RootElement.GetProperty("body"));
    }

    public static ResponsesRequest ReadRequest(JsonElement root) =>
        ResponsesRequestReader.TryRead(root, out var request, out var error)
            ? request
            : throw new InvalidOperationException("turn2 body rejected: " + error?.Message);

    /// <summary>40 text deltas, one tool call in 6 argument fragments, finish, usage: about what one Codex turn streams.</summary>
    public static List<ChatChunk> Chunks()
    {
        var chunks = new List<ChatChunk>();
        for (var i = 0; i < 40; i++)
        {
            chunks.Add(new ChatChunk { Content = $"word{i} " });
        }

        chunks.Add(new ChatChunk { ToolCalls = [new ToolCallDelta(0, "call_1", "shell", "")] });
        foreach (var part in new[] { "{\"comm", "and\":[\"ba", "sh\",\"-lc\"", ",\"ls -la\"]", ",\"workdir\":\"/w\"", "}" })
        {
            chunks.Add(new ChatChunk { ToolCalls = [new ToolCallDelta(0, null, null, part)] });
        }

        chunks.Add(new ChatChunk { FinishReason = "tool_calls" });
        using var usage = JsonDocument.Parse("""{"prompt_tokens":12000,"completion_tokens":90,"total_tokens":12090}""");
        chunks.Add(new ChatChunk { Usage = usage.RootElement.Clone() });
        return chunks;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CodexRelay.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
