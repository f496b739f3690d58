using System.Text;
using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Catalog;

/// <summary>
/// Builds <c>{"models":[...]}</c> entries from a template entry Codex printed (its instructions, tool
/// formats and required fields) with each model's identity and metadata written over it (pure).
/// </summary>
internal static class CodexCatalogBuilder
{
    /// <summary>
    /// Template fields that describe OpenAI's service or tools only OpenAI models are trained on (code mode,
    /// multi-agent v2 replace <c>apply_patch</c> and the shell tools); removed from every entry.
    /// </summary>
    private static readonly string[] Dropped =
    [
        "tool_mode", "multi_agent_version",
        "upgrade", "availability_nux", "comp_hash", "default_service_tier", "auto_review_model_override",
        "minimal_client_version", "available_in_plans", "web_search_tool_type", "default_verbosity",
    ];

    public static CatalogBuild Build(JsonObject template, IReadOnlyList<CatalogModel> models, int maxBytes = CatalogOptions.MaxBytes)
    {
        var entries = new JsonArray();
        var omitted = new List<string>();
        var size = Encoding.UTF8.GetByteCount("{\"models\":[]}");
        for (var i = 0; i < models.Count; i++)
        {
            var entry = ToEntry(template, models[i], priority: i + 1);
            var bytes = Encoding.UTF8.GetByteCount(entry.ToJsonString()) + 1;
            if (size + bytes > maxBytes)
            {
                omitted.Add(models[i].Slug);
                continue;
            }

            size += bytes;
            entries.Add(entry);
        }

        return new CatalogBuild(new JsonObject { ["models"] = entries }, omitted);
    }

    public static JsonObject ToEntry(JsonObject template, CatalogModel model, int priority)
    {
        var entry = (JsonObject)template.DeepClone();
        foreach (var field in Dropped)
        {
            entry.Remove(field);
        }

        var profile = model.Profile;
        entry["slug"] = model.Slug;
        entry["display_name"] = profile.DisplayName ?? model.Slug;
        entry["description"] = model.Slug == model.UpstreamModel ? $"{model.UpstreamModel} via CodexRelay" : $"{model.UpstreamModel} via CodexRelay (as {model.Slug})";
        entry["visibility"] = "list";
        entry["supported_in_api"] = true;
        entry["priority"] = priority;
        entry["context_window"] = profile.ContextWindow;
        entry["max_context_window"] = profile.ContextWindow;
        entry["auto_compact_token_limit"] = profile.AutoCompactTokenLimit;
        entry["supported_reasoning_levels"] = new JsonArray([.. profile.ReasoningLevels.Select(Level)]);
        entry["default_reasoning_level"] = profile.DefaultReasoningLevel;
        entry["supports_reasoning_summaries"] = false;
        entry["input_modalities"] = new JsonArray([.. profile.InputModalities.Select(m => (JsonNode)m)]);
        entry["supports_parallel_tool_calls"] = profile.SupportsParallelToolCalls;
        entry["apply_patch_tool_type"] = "freeform";
        entry["supports_search_tool"] = false;
        entry["support_verbosity"] = false;
        entry["experimental_supported_tools"] = new JsonArray();
        entry["service_tiers"] = new JsonArray();
        entry["additional_speed_tiers"] = new JsonArray();
        SetIfPresent(entry, "use_responses_lite", false);
        SetIfPresent(entry, "prefer_websockets", false);
        SetIfPresent(entry, "supports_image_detail_original", false);
        return entry;
    }

    private static JsonNode Level(string effort) => new JsonObject { ["effort"] = effort, ["description"] = $"{effort} reasoning effort" };

    private static void SetIfPresent(JsonObject entry, string field, bool value)
    {
        if (entry.ContainsKey(field))
        {
            entry[field] = value;
        }
    }
}
