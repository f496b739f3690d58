using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Tests.Translation;

/// <summary>Which reasoning goes back as <c>reasoning_content</c>: decided by the item's provenance and the provider's ReplayReasoning, not by a model name.</summary>
public sealed class ReasoningReplayTests
{
    [Fact]
    public void RelayMadeReasoning_UnlistedModel_Auto_IsReplayed()
    {
        var assistant = AssistantOf(ReasoningProvenance.ReasoningContent, "glm-thinker", ReasoningReplay.Auto);

        Assert.Equal("Thought it through.", assistant["reasoning_content"]!.GetValue<string>());
    }

    [Fact]
    public void RelayMadeReasoning_Never_IsDropped()
    {
        var assistant = AssistantOf(ReasoningProvenance.ReasoningContent, "glm-thinker", ReasoningReplay.Never);

        Assert.False(assistant.ContainsKey("reasoning_content"));
    }

    [Fact]
    public void NameListedModel_Never_StillDropsIt()
    {
        var assistant = AssistantOf(ReasoningProvenance.ReasoningContent, "deepseek-reasoner", ReasoningReplay.Never);

        Assert.False(assistant.ContainsKey("reasoning_content"));
    }

    [Fact]
    public void ThinkTagReasoning_IsNeverReplayed_EvenUnderAlways()
    {
        Assert.False(AssistantOf(ReasoningProvenance.ThinkTags, "glm-thinker", ReasoningReplay.Auto).ContainsKey("reasoning_content"));
        Assert.Equal("", AssistantOf(ReasoningProvenance.ThinkTags, "glm-thinker", ReasoningReplay.Always)["reasoning_content"]!.GetValue<string>());
    }

    [Fact]
    public void ForeignReasoning_Auto_IsDropped_ButTheNameListStillReplaysIt()
    {
        Assert.False(AssistantOf(null, "glm-thinker", ReasoningReplay.Auto).ContainsKey("reasoning_content"));
        Assert.Equal("Thought it through.", AssistantOf(null, "deepseek-reasoner", ReasoningReplay.Auto)["reasoning_content"]!.GetValue<string>());
    }

    [Fact]
    public void KimiToolCallWithoutReasoning_GetsAnEmptyReasoningContent()
    {
        var request = Fixtures.Read(Conversation(null, withReasoning: false).ToJsonString());

        var translated = ChatRequestTranslator.ToChatRequest(request, [], new TranslationSettings(), "kimi-k2-thinking", ReasoningReplay.Auto);

        var assistant = translated.Body["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "assistant")!.AsObject();
        Assert.Equal("", assistant["reasoning_content"]!.GetValue<string>());
        Assert.Contains(QuirkNames.EmptyReasoningContent, translated.QuirksFired);
    }

    private static JsonObject AssistantOf(string? provenance, string model, ReasoningReplay replay)
    {
        var request = Fixtures.Read(Conversation(provenance, withReasoning: true).ToJsonString());
        var settings = TranslationSettings.From(new RelayOptions());
        var messages = ChatRequestTranslator.ToChatRequest(request, [], settings, model, replay).Body["messages"]!.AsArray();
        return messages.Single(m => m!["role"]!.GetValue<string>() == "assistant")!.AsObject();
    }

    private static JsonObject Conversation(string? provenance, bool withReasoning)
    {
        var input = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = "list files" } };
        if (withReasoning)
        {
            input.Add(new JsonObject
            {
                ["type"] = "reasoning",
                ["id"] = "rs_1",
                ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = "Thought it through." }),
                ["content"] = new JsonArray(new JsonObject { ["type"] = "reasoning_text", ["text"] = "Thought it through." }),
                ["encrypted_content"] = provenance,
            });
        }

        input.Add(new JsonObject { ["type"] = "function_call", ["call_id"] = "call_1", ["name"] = "exec_command", ["arguments"] = "{}" });
        input.Add(new JsonObject { ["type"] = "function_call_output", ["call_id"] = "call_1", ["output"] = "a.txt" });
        return new JsonObject { ["model"] = "m", ["input"] = input };
    }
}
