using System.Text.Json;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// Checks the shape of the input items the relay translates. Unknown item types are left alone
/// (they are skipped during translation); unknown roles and content parts are rejected.
/// </summary>
internal static class InputItemValidator
{
    private static readonly HashSet<string> Roles = ["user", "assistant", "system", "developer"];

    private static readonly HashSet<string> PartTypes =
        ["input_text", "output_text", "text", "input_image", "input_file", "refusal", "summary_text", "reasoning_text"];

    public static void Validate(IReadOnlyList<JsonElement> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var path = $"input[{i}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new RequestValidationException($"'{path}' must be an object.", path);
            }

            switch (InputItems.TypeOf(item))
            {
                case "message":
                    ValidateMessage(item, path);
                    break;
                case "function_call":
                    RequireString(item, "call_id", path);
                    RequireString(item, "name", path);
                    OptionalString(item, "arguments", path);
                    OptionalString(item, "namespace", path);
                    break;
                case "custom_tool_call":
                    RequireString(item, "call_id", path);
                    RequireString(item, "name", path);
                    OptionalString(item, "input", path);
                    break;
                case "function_call_output" or "custom_tool_call_output":
                    RequireString(item, "call_id", path);
                    ValidateOutput(item, path);
                    break;
            }
        }
    }

    private static void ValidateMessage(JsonElement item, string path)
    {
        var role = RequireString(item, "role", path);
        if (!Roles.Contains(role))
        {
            throw new RequestValidationException($"Invalid value for '{path}.role': '{role}'. Supported values are: 'user', 'assistant', 'system' and 'developer'.", $"{path}.role");
        }

        if (!item.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.String)
        {
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new RequestValidationException($"'{path}.content' must be a string or an array.", $"{path}.content");
        }

        ValidateParts(content, $"{path}.content");
    }

    private static void ValidateOutput(JsonElement item, string path)
    {
        if (!item.TryGetProperty("output", out var output) || output.ValueKind == JsonValueKind.String)
        {
            return;
        }

        if (output.ValueKind != JsonValueKind.Array)
        {
            throw new RequestValidationException($"'{path}.output' must be a string or an array.", $"{path}.output");
        }

        ValidateParts(output, $"{path}.output");
    }

    private static void ValidateParts(JsonElement parts, string path)
    {
        var index = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var partPath = $"{path}[{index++}]";
            if (part.ValueKind != JsonValueKind.Object)
            {
                throw new RequestValidationException($"'{partPath}' must be an object.", partPath);
            }

            var type = RequireString(part, "type", partPath);
            if (!PartTypes.Contains(type))
            {
                throw new RequestValidationException($"Invalid value for '{partPath}.type': '{type}'.", $"{partPath}.type");
            }

            if (type is "input_text" or "output_text" or "text")
            {
                OptionalString(part, "text", partPath);
            }
            else if (type == "input_image")
            {
                OptionalString(part, "image_url", partPath);
            }
        }
    }

    private static string RequireString(JsonElement item, string name, string path) =>
        OptionalString(item, name, path) ?? throw new RequestValidationException($"Missing required parameter: '{path}.{name}'.", $"{path}.{name}");

    private static string? OptionalString(JsonElement item, string name, string path)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new RequestValidationException($"Invalid type for '{path}.{name}': expected a string, got {ResponsesRequestReader.Describe(value.ValueKind)}.", $"{path}.{name}");
    }
}
