using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Requests;

/// <summary>
/// Responses tools → Chat Completions tools. Function tools pass through; namespaces (MCP servers,
/// <c>multi_agent_v1</c>) are flattened; custom tools (freeform <c>apply_patch</c>) become a function
/// with one string parameter <c>input</c>; built-in tools are dropped.
/// </summary>
internal static class ToolsTranslator
{
    public const string CustomInputParameter = "input";

    public static (JsonArray Tools, ToolNameMap Names, List<string> Dropped) ToChatTools(
        IReadOnlyList<JsonElement> tools, IReadOnlySet<string> denylist)
    {
        var chatTools = new JsonArray();
        var names = new ToolNameMap();
        var dropped = new List<string>();
        foreach (var tool in tools)
        {
            var type = InputItems.GetString(tool, "type");
            var name = InputItems.GetString(tool, "name");
            switch (type)
            {
                case "function" when name is not null:
                    AddFunction(tool, name, null, chatTools, names, denylist, dropped);
                    break;
                case "namespace" when name is not null && tool.TryGetProperty("tools", out var inner) && inner.ValueKind == JsonValueKind.Array:
                    if (denylist.Contains(name))
                    {
                        dropped.Add(name);
                        break;
                    }

                    foreach (var member in inner.EnumerateArray())
                    {
                        if (InputItems.GetString(member, "name") is { } memberName && InputItems.GetString(member, "type") is "function" or null)
                        {
                            AddFunction(member, memberName, name, chatTools, names, denylist, dropped);
                        }
                    }

                    break;
                case "custom" when name is not null:
                    if (denylist.Contains(name))
                    {
                        dropped.Add(name);
                        break;
                    }

                    var flat = names.Add(new ToolTarget(ToolKind.Custom, name, null));
                    chatTools.Add(Function(flat, CustomDescription(tool) is { Length: > 0 } custom ? custom : null, CustomParameters()));
                    break;
                default:
                    dropped.Add(name ?? type ?? "unknown");
                    break;
            }
        }

        return (chatTools, names, dropped);
    }

    private static void AddFunction(JsonElement tool, string name, string? ns, JsonArray chatTools, ToolNameMap names, IReadOnlySet<string> denylist, List<string> dropped)
    {
        if (denylist.Contains(name) || (ns is not null && denylist.Contains($"{ns}__{name}")))
        {
            dropped.Add(ns is null ? name : $"{ns}__{name}");
            return;
        }

        var flat = names.Add(new ToolTarget(ToolKind.Function, name, ns));
        // The description and the schema go on as the client's bytes (RawJson): nothing reads them, and copying them
        // as strings and nodes unescaped and re-escaped every string.
        var description = tool.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String && !d.ValueEquals(""u8)
            ? RawJson.Node(d)
            : null;
        var parameters = tool.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
            ? RawJson.Node(p)!
            : new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
        chatTools.Add(Function(flat, description, parameters));
    }

    private static JsonObject Function(string name, JsonNode? description, JsonNode parameters)
    {
        var function = new JsonObject { ["name"] = name };
        if (description is not null)
        {
            function["description"] = description;
        }

        function["parameters"] = parameters;
        return new JsonObject { ["type"] = "function", ["function"] = function };
    }

    private static string CustomDescription(JsonElement tool)
    {
        var description = InputItems.GetString(tool, "description") ?? "";
        if (tool.TryGetProperty("format", out var format) && InputItems.GetString(format, "definition") is { } grammar)
        {
            var syntax = InputItems.GetString(format, "syntax") ?? "grammar";
            description += $"\n\nPut the raw tool input in the '{CustomInputParameter}' string. It must match this {syntax} grammar:\n{grammar}";
        }

        return description;
    }

    private static JsonObject CustomParameters() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            [CustomInputParameter] = new JsonObject { ["type"] = "string", ["description"] = "The raw input of the tool." },
        },
        ["required"] = new JsonArray(CustomInputParameter),
        ["additionalProperties"] = false,
    };
}
