using System.Text.Json;
using System.Text.RegularExpressions;
using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// Tools and <c>tool_choice</c>: each tool an object of a known <c>type</c>; function and custom names what every
/// provider accepts (<c>^[a-zA-Z0-9_-]{1,64}$</c>); <c>parameters</c> an object, <c>strict</c> a boolean; a
/// <c>tool_choice</c> that names a tool names one the request has.
/// </summary>
internal static partial class ToolValidator
{
    public static void Validate(IReadOnlyList<JsonElement> tools, JsonElement? toolChoice, RequestLimits limits)
    {
        var named = new HashSet<(string? Namespace, string Name)>();
        var count = 0;
        for (var i = 0; i < tools.Count; i++)
        {
            var path = $"tools[{i}]";
            var type = TypeOf(tools[i], path);
            count++;
            if (type is "function" or "custom")
            {
                named.Add((null, ValidateFunction(tools[i], path, type)));
            }
            else if (type == "namespace")
            {
                var ns = Name(tools[i], path);
                var members = JsonFields.Optional(tools[i], "tools", $"{path}.tools", JsonValueKind.Array) ?? throw JsonFields.Missing($"{path}.tools");
                var index = 0;
                foreach (var member in members.EnumerateArray())
                {
                    var memberPath = $"{path}.tools[{index++}]";
                    var memberType = TypeOf(member, memberPath, "function");
                    if (memberType is not ("function" or "custom"))
                    {
                        throw JsonFields.InvalidValue($"{memberPath}.type", memberType, "'function', 'custom'");
                    }

                    named.Add((ns, ValidateFunction(member, memberPath, memberType)));
                    count++;
                }
            }

            if (count > limits.MaxTools)
            {
                throw new RequestValidationException($"Too many tools: at most {limits.MaxTools} (CodexRelay:Limits:MaxTools).", "tools");
            }
        }

        ValidateChoice(toolChoice, named);
    }

    private static string TypeOf(JsonElement tool, string path, string? missing = null)
    {
        if (tool.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException($"Invalid type for '{path}': expected an object, got {JsonFields.Describe(tool.ValueKind)}.", path);
        }

        var type = JsonFields.OptionalString(tool, "type", $"{path}.type") ?? missing ?? throw JsonFields.Missing($"{path}.type");
        return KnownValues.ToolTypes.Contains(type) ? type : throw JsonFields.InvalidValue($"{path}.type", type);
    }

    private static string ValidateFunction(JsonElement tool, string path, string type)
    {
        var name = Name(tool, path);
        JsonFields.CheckString(tool, "description", path, required: false);
        if (type == "function")
        {
            JsonFields.Optional(tool, "parameters", $"{path}.parameters", JsonValueKind.Object);
            JsonFields.Optional(tool, "strict", $"{path}.strict", JsonValueKind.True);
        }
        else
        {
            JsonFields.Optional(tool, "format", $"{path}.format", JsonValueKind.Object);
        }

        return name;
    }

    private static string Name(JsonElement tool, string path)
    {
        var name = JsonFields.RequiredString(tool, "name", $"{path}.name");
        return ToolName().IsMatch(name)
            ? name
            : throw new RequestValidationException($"Invalid '{path}.name': '{FailureText.Quote(name)}' does not match '^[a-zA-Z0-9_-]{{1,64}}$'.", $"{path}.name");
    }

    private static void ValidateChoice(JsonElement? choice, HashSet<(string? Namespace, string Name)> named)
    {
        if (choice is not { } value)
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            if (!KnownValues.ToolChoiceModes.Contains(value.GetString()!))
            {
                throw JsonFields.InvalidValue("tool_choice", value.GetString()!, "'auto', 'none', 'required'");
            }

            return;
        }

        var type = JsonFields.RequiredString(value, "type", "tool_choice.type");
        if (type is "function" or "custom")
        {
            var name = JsonFields.RequiredString(value, "name", "tool_choice.name");
            var ns = JsonFields.OptionalString(value, "namespace", "tool_choice.namespace");
            if (!named.Contains((ns, name)))
            {
                throw new RequestValidationException($"Tool choice '{FailureText.Quote(name)}' not found in 'tools' parameter.", "tool_choice");
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ToolName();
}
