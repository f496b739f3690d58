using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Testing.Files;

namespace CodexRelay.Tests.Translation;

/// <summary>
/// Every byte the relay sends upstream for each captured Codex request, against tests/fixtures/chat-requests/NAME.json:
/// a change to how the Chat body is written (raw pass-through of the client's JSON, issue 17 §3) shows here byte by
/// byte. CODEX_RELAY_RECORD_GOLDEN=1 rewrites the files after a deliberate change (review the diff).
/// </summary>
public sealed class ChatRequestGoldenTests
{
    public static TheoryData<string> Captures() =>
    [
        "turn1.json", "turn2.json", "gpt55-turn1.json", "gpt55-turn2-apply-patch.json", "mcp-turn1.json", "mcp-turn2.json",
        "parallel-turn2.json", "reasoning-turn2.json", "resume-user-turn2.json", "compaction-request.json", "after-compaction-turn.json",
    ];

    [Theory]
    [MemberData(nameof(Captures))]
    public void TheChatBody_IsByteForByteTheGolden(string capture)
    {
        var translated = ChatRequestTranslator.ToChatRequest(AsCodexSendsIt(capture), [], new());
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        translated.Body.WriteUtf8(buffer);
        var actual = Encoding.UTF8.GetString(buffer.WrittenSpan);
        var golden = TestPaths.SourceFixture("chat-requests", capture);

        if (Environment.GetEnvironmentVariable("CODEX_RELAY_RECORD_GOLDEN") == "1")
        {
            File.WriteAllText(golden, actual);
        }

        Assert.True(File.Exists(golden), $"No golden for {capture}: run with CODEX_RELAY_RECORD_GOLDEN=1 and review it.");
        var expected = File.ReadAllText(golden);
        Assert.True(expected == actual, $"{capture}: the Chat body differs from its golden at byte {FirstDifference(expected, actual)}.");
        Assert.Equal(actual, translated.Body.ToJson());
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void TheSystemMessage_AndToolSchemas_MeanWhatCodexSent(string capture)
    {
        Check(AsCodexSendsIt(capture));
        Check(Fixtures.CodexRequest(capture));
    }

    /// <summary>The capture's body is stored indented; Codex (serde_json) sends it compact, escaping only what JSON requires.</summary>
    private static Gateway.Wire.Responses.ResponsesRequest AsCodexSendsIt(string capture)
    {
        var compact = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(compact, JsonNodes.WriterOptions))
        {
            CodexCapture.Body(capture).WriteTo(writer);
        }

        return Fixtures.Read(Encoding.UTF8.GetString(compact.WrittenSpan));
    }

    private static void Check(Gateway.Wire.Responses.ResponsesRequest request)
    {
        var body = JsonNode.Parse(JsonNodes.ToJson(ChatRequestTranslator.ToChatRequest(request, [], new()).Body))!;

        var leading = request.Input.TakeWhile(i => i.TryGetProperty("role", out var r) && r.GetString() is "developer" or "system").Select(ItemContent.ContentText);
        var expectedSystem = string.Join("\n\n", request.Instructions is { Length: > 0 } instructions ? leading.Prepend(instructions) : leading);
        var first = body["messages"]![0]!;
        if (expectedSystem.Length > 0)
        {
            Assert.Equal("system", first["role"]!.GetValue<string>());
            Assert.Equal(expectedSystem, first["content"]!.GetValue<string>());
        }

        var sent = body["tools"]?.AsArray().Select(t => t!["function"]!["parameters"]).ToList() ?? [];
        var codexSchemas = request.Tools.Where(t => t.TryGetProperty("type", out var type) && type.GetString() == "function" && t.TryGetProperty("parameters", out _))
            .Select(t => JsonNode.Parse(t.GetProperty("parameters").GetRawText())).ToList();
        Assert.All(codexSchemas, schema => Assert.Contains(sent, s => JsonNode.DeepEquals(s, schema)));
    }

    private static int FirstDifference(string expected, string actual)
    {
        var length = Math.Min(expected.Length, actual.Length);
        for (var i = 0; i < length; i++)
        {
            if (expected[i] != actual[i])
            {
                return i;
            }
        }

        return length;
    }
}
