using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Requests;

namespace CodexRelay.Tests.Streaming;

/// <summary>Reasoning produced by the relay comes back to the provider from Codex's replay alone: no relay memory.</summary>
public sealed class ReasoningRoundTripTests
{
    [Fact]
    public void RelayReasoningItem_ReplayedByTheClient_ReturnsAsReasoningContent()
    {
        var output = RecordedStream.Replay("deepseek-reasoning-tool.jsonl").Output;
        var callId = output[1]!["call_id"]!.GetValue<string>();
        var input = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = "list files" } };
        foreach (var item in output)
        {
            input.Add(item!.DeepClone());
        }

        input.Add(new JsonObject { ["type"] = "function_call_output", ["call_id"] = callId, ["output"] = "a.txt" });
        var request = Fixtures.Read(new JsonObject { ["model"] = "deepseek-reasoner", ["input"] = input }.ToJsonString());

        var messages = Fixtures.Translate(request, TranslationSettings.From(new RelayOptions())).Body["messages"]!.AsArray();

        var assistant = messages[1]!;
        Assert.Equal("The user wants a shell command.", assistant["reasoning_content"]!.GetValue<string>());
        Assert.Equal(callId, assistant["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("tool", messages[2]!["role"]!.GetValue<string>());
    }

    [Fact]
    public void StoredHistory_PlusNewInput_TranslatesLikeTheFullRequest()
    {
        var full = Fixtures.CodexRequest("turn2.json");
        var split = full.Input.Count - 2;
        var continuation = full with { Input = [.. full.Input.Skip(split)] };

        var fromFull = ChatRequestTranslator.ToChatRequest(full, [], new TranslationSettings()).Body;
        var fromHistory = ChatRequestTranslator.ToChatRequest(continuation, full.Input.Take(split), new TranslationSettings()).Body;

        Assert.True(JsonNode.DeepEquals(fromFull, fromHistory));
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(fromFull["messages"]!.ToJsonString()).RootElement.ValueKind);
    }
}
