using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Requests;

/// <summary>The translated request plus what the response side needs to map names back.</summary>
internal sealed record TranslatedRequest(JsonObject Body, string UpstreamModel, ToolNameMap ToolNames, IReadOnlyList<string> Skipped)
{
    /// <summary>The provider quirks that reshaped this request.</summary>
    public IReadOnlyList<string> QuirksFired { get; init; } = [];
}

/// <summary>
/// A Responses request (and the stored history it continues, already fetched) → a Chat Completions
/// request. Pure: no I/O, no clock, no DI.
/// </summary>
internal static class ChatRequestTranslator
{
    /// <summary>For the seed's one upstream: the global model map, reasoning replayed as <c>auto</c> does.</summary>
    public static TranslatedRequest ToChatRequest(ResponsesRequest request, IEnumerable<JsonElement> history, TranslationSettings settings, CancellationToken cancellationToken = default) =>
        ToChatRequest(request, history, settings, settings.MapModel(request.Model), ReasoningReplay.Auto, cancellationToken);

    /// <summary>
    /// For one provider: <paramref name="model"/> is the name it knows; <paramref name="replay"/> its
    /// <c>ReplayReasoning</c>, which the name list (<c>CodexRelay:ReasoningReplayModels</c>) turns from auto to always.
    /// Linear in items and tools; a long history checks <paramref name="cancellationToken"/> as it goes (the client may leave).
    /// </summary>
    public static TranslatedRequest ToChatRequest(ResponsesRequest request, IEnumerable<JsonElement> history, TranslationSettings settings, string model, ReasoningReplay replay, CancellationToken cancellationToken = default)
    {
        if (replay == ReasoningReplay.Auto && settings.ReplaysReasoning(model))
        {
            replay = ReasoningReplay.Always;
        }

        var (tools, names, droppedTools) = ToolsTranslator.ToChatTools(request.Tools, settings.ToolDenylist);
        var (messages, skipped) = MessagesTranslator.ToChatMessages(
            request.Instructions, history.Concat(request.Input), names, replay, cancellationToken);

        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = messages,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        };

        if (tools.Count > 0)
        {
            body["tools"] = tools;
            if (ToolChoice(request.ToolChoice, names) is { } choice)
            {
                body["tool_choice"] = choice;
            }

            if (request.ParallelToolCalls is { } parallel)
            {
                body["parallel_tool_calls"] = parallel;
            }
        }

        SetIfPresent(body, "max_tokens", request.MaxOutputTokens);
        SetIfPresent(body, "temperature", request.Temperature);
        SetIfPresent(body, "top_p", request.TopP);
        if (request.ReasoningEffort is { } effort)
        {
            body["reasoning_effort"] = effort;
        }

        if (ResponseFormat(request.TextFormat) is { } format)
        {
            body["response_format"] = format;
        }

        skipped.AddRange(droppedTools.Select(t => "tool:" + t));
        cancellationToken.ThrowIfCancellationRequested();
        var quirks = Quirks.RequestQuirks.Apply(body, model, settings.Quirks);
        return new TranslatedRequest(body, model, names, skipped) { QuirksFired = quirks };
    }

    private static JsonNode? ToolChoice(JsonElement? choice, ToolNameMap names)
    {
        if (choice is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() is "auto" or "none" or "required" ? JsonValue.Create(value.GetString()) : null;
        }

        var type = InputItems.GetString(value, "type");
        if (type is "function" or "custom" && InputItems.GetString(value, "name") is { } name)
        {
            var flat = names.FlatNameFor(name, InputItems.GetString(value, "namespace"));
            return new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = flat } };
        }

        return type is "auto" or "none" or "required" ? JsonValue.Create(type) : null;
    }

    private static JsonObject? ResponseFormat(JsonElement? format)
    {
        switch (format is { } f ? InputItems.GetString(f, "type") : null)
        {
            case "json_schema":
                var value = format!.Value;
                var schema = new JsonObject { ["name"] = InputItems.GetString(value, "name") ?? "output" };
                if (value.TryGetProperty("schema", out var s))
                {
                    schema["schema"] = JsonNodes.Copy(s);
                }

                if (value.TryGetProperty("strict", out var strict) && strict.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    schema["strict"] = strict.GetBoolean();
                }

                return new JsonObject { ["type"] = "json_schema", ["json_schema"] = schema };
            case "json_object":
                return new JsonObject { ["type"] = "json_object" };
            default:
                return null;
        }
    }

    private static void SetIfPresent<T>(JsonObject body, string name, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            body[name] = JsonValue.Create(v);
        }
    }
}
