using System.Text.Json;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// Checks the shape of the input items. <c>type</c> is a string (a missing one is a message); kinds the relay does not
/// translate are skipped, but a number, object or array there is a 400. Messages need <c>content</c>, text parts
/// their <c>text</c>, calls their <c>call_id</c>, <c>name</c> and <c>arguments</c>, outputs their <c>output</c>;
/// ids are strings. Item and content-part counts are capped by <see cref="RequestLimits"/>.
/// </summary>
internal static class InputItemValidator
{
    private static readonly HashSet<string> Roles = ["user", "assistant", "system", "developer"];

    private static readonly HashSet<string> PartTypes =
        ["input_text", "output_text", "text", "input_image", "input_file", "refusal", "summary_text", "reasoning_text"];

    public static void Validate(IReadOnlyList<JsonElement> items, RequestLimits limits)
    {
        if (items.Count > limits.MaxInputItems)
        {
            throw new RequestValidationException($"Too many input items: {items.Count}, at most {limits.MaxInputItems} (CodexRelay:Limits:MaxInputItems).", "input");
        }

        var parts = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var path = $"input[{i}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new RequestValidationException($"Invalid type for '{path}': expected an object, got {JsonFields.Describe(item.ValueKind)}.", path);
            }

            var type = JsonFields.OptionalString(item, "type", $"{path}.type") ?? "message";
            JsonFields.CheckString(item, "id", path, required: false);
            JsonFields.CheckString(item, "status", path, required: false);
            switch (type)
            {
                case "message":
                    parts += ValidateMessage(item, path);
                    break;
                case "function_call":
                    JsonFields.CheckString(item, "call_id", path, required: true);
                    NonEmpty(item, "name", path);
                    JsonFields.CheckString(item, "arguments", path, required: true);
                    JsonFields.CheckString(item, "namespace", path, required: false);
                    break;
                case "custom_tool_call":
                    JsonFields.CheckString(item, "call_id", path, required: true);
                    NonEmpty(item, "name", path);
                    JsonFields.CheckString(item, "input", path, required: true);
                    break;
                case "function_call_output" or "custom_tool_call_output":
                    JsonFields.CheckString(item, "call_id", path, required: true);
                    parts += ValidateContent(item, "output", path);
                    break;
                case "reasoning":
                    parts += ValidateReasoning(item, path);
                    break;
            }

            if (parts > limits.MaxContentParts)
            {
                throw new RequestValidationException($"Too many content parts: at most {limits.MaxContentParts} (CodexRelay:Limits:MaxContentParts).", "input");
            }
        }
    }

    private static void NonEmpty(JsonElement item, string name, string path)
    {
        if (JsonFields.RequiredString(item, name, $"{path}.{name}").Length == 0)
        {
            throw new RequestValidationException($"Invalid '{path}.{name}': empty string.", $"{path}.{name}");
        }
    }

    private static int ValidateMessage(JsonElement item, string path)
    {
        var role = JsonFields.RequiredString(item, "role", $"{path}.role");
        if (!Roles.Contains(role))
        {
            throw JsonFields.InvalidValue($"{path}.role", role, "'user', 'assistant', 'system' and 'developer'");
        }

        return ValidateContent(item, "content", path);
    }

    /// <summary>A message's <c>content</c> or an output's <c>output</c>: required, a string or an array of parts.</summary>
    private static int ValidateContent(JsonElement item, string name, string path)
    {
        var content = JsonFields.Optional(item, name, $"{path}.{name}", JsonValueKind.String, JsonValueKind.Array) ?? throw JsonFields.Missing($"{path}.{name}");
        return content.ValueKind == JsonValueKind.Array ? ValidateParts(content, $"{path}.{name}") : 0;
    }

    private static int ValidateReasoning(JsonElement item, string path)
    {
        JsonFields.CheckString(item, "encrypted_content", path, required: false);
        var count = 0;
        foreach (var name in (ReadOnlySpan<string>)["summary", "content"])
        {
            if (JsonFields.Optional(item, name, $"{path}.{name}", JsonValueKind.Array) is { } parts)
            {
                count += ValidateParts(parts, $"{path}.{name}");
            }
        }

        return count;
    }

    private static int ValidateParts(JsonElement parts, string path)
    {
        var index = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var partPath = $"{path}[{index++}]";
            if (part.ValueKind != JsonValueKind.Object)
            {
                throw new RequestValidationException($"Invalid type for '{partPath}': expected an object, got {JsonFields.Describe(part.ValueKind)}.", partPath);
            }

            var type = JsonFields.RequiredString(part, "type", $"{partPath}.type");
            if (!PartTypes.Contains(type))
            {
                throw JsonFields.InvalidValue($"{partPath}.type", type);
            }

            if (type is "input_text" or "output_text" or "text" or "refusal" or "summary_text" or "reasoning_text")
            {
                JsonFields.CheckString(part, type == "refusal" ? "refusal" : "text", partPath, required: true);
            }
            else if (type == "input_image")
            {
                JsonFields.CheckString(part, "image_url", partPath, required: false);
                JsonFields.CheckString(part, "file_id", partPath, required: false);
            }
        }

        return index;
    }
}
