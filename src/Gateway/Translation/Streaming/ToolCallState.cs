using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Tools;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>One streamed tool call: announced once its name is known, arguments accumulated.</summary>
internal sealed class ToolCallState(int index)
{
    private readonly StringBuilder _arguments = new();

    public int Index { get; } = index;

    public int OutputIndex { get; set; } = -1;

    public string? ItemId { get; set; }

    public string? CallId { get; set; }

    public string? FlatName { get; set; }

    public ToolTarget? Target { get; set; }

    public bool Announced => OutputIndex >= 0;

    public string Arguments => _arguments.ToString();

    public int ArgumentsLength => _arguments.Length;

    public void AppendArguments(string fragment) => _arguments.Append(fragment);

    /// <summary>The raw input of a custom tool, from the single string parameter the provider filled.</summary>
    public string CustomInput()
    {
        var arguments = Arguments;
        try
        {
            if (JsonNode.Parse(arguments) is JsonObject obj && obj[ToolsTranslator.CustomInputParameter] is JsonValue value && value.TryGetValue<string>(out var input))
            {
                return input;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the provider sent the raw input itself.
        }

        return arguments;
    }

    public JsonObject ToItem(string status, bool final)
    {
        var target = Target!;
        if (target.Kind == ToolKind.Custom)
        {
            return new JsonObject
            {
                ["type"] = "custom_tool_call",
                ["id"] = ItemId,
                ["status"] = status,
                ["call_id"] = CallId,
                ["name"] = target.Name,
                ["input"] = final ? CustomInput() : "",
            };
        }

        var item = new JsonObject
        {
            ["type"] = "function_call",
            ["id"] = ItemId,
            ["status"] = status,
            ["call_id"] = CallId,
            ["name"] = target.Name,
        };
        if (target.Namespace is not null)
        {
            item["namespace"] = target.Namespace;
        }

        item["arguments"] = final ? (ArgumentsLength == 0 ? "{}" : Arguments) : "";
        return item;
    }
}
