using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodexRelay.Testing.Hostile;

/// <summary>
/// The classes issue 14 added: wrong types and values of fields the relay does not forward, item kinds, tool shapes,
/// a huge value in every string slot, wrong methods and unknown paths. Each request the Responses API rejects must be
/// a 4xx with a JSON body here too.
/// </summary>
public static partial class MutationCorpus
{
    private const int HugeLength = 256 * 1024;

    private static readonly (string Field, JsonNode?[] Wrong)[] NonForwarded =
    [
        ("include", [JsonValue.Create("reasoning.encrypted_content"), JsonValue.Create(1), new JsonArray(1), new JsonArray("no.such.include")]),
        ("prompt_cache_key", [JsonValue.Create(1), new JsonObject(), new JsonArray()]),
        ("user", [JsonValue.Create(1), JsonValue.Create(true), new JsonObject()]),
        ("safety_identifier", [JsonValue.Create(1), new JsonArray()]),
        ("service_tier", [JsonValue.Create(1), JsonValue.Create("platinum")]),
        ("truncation", [JsonValue.Create(true), JsonValue.Create("sometimes")]),
        ("background", [JsonValue.Create("yes"), JsonValue.Create(1)]),
        ("max_tool_calls", [JsonValue.Create("3"), JsonValue.Create(0), JsonValue.Create(2.5)]),
        ("top_logprobs", [JsonValue.Create(-1), JsonValue.Create(21), JsonValue.Create("5")]),
        ("metadata", [JsonValue.Create("x"), new JsonArray(), new JsonObject { ["a"] = 1 }, ManyPairs(17)]),
        ("parallel_tool_calls", [JsonValue.Create("true"), JsonValue.Create(1)]),
        ("store", [JsonValue.Create("false"), JsonValue.Create(0)]),
        ("stream", [JsonValue.Create("true"), new JsonObject()]),
        ("temperature", [JsonValue.Create("1"), JsonValue.Create(2.5), JsonValue.Create(-1)]),
        ("top_p", [JsonValue.Create(true), JsonValue.Create(1.5)]),
        ("max_output_tokens", [JsonValue.Create(0), JsonValue.Create(1e20), JsonValue.Create("100")]),
    ];

    private static void AddValidationClasses(string source, JsonObject root, List<Mutation> mutations)
    {
        foreach (var (field, wrongValues) in NonForwarded)
        {
            foreach (var wrong in wrongValues)
            {
                mutations.Add(Changed(source, $"{field} = {wrong!.ToJsonString()}", root, r => r[field] = wrong.DeepClone(), Expectation.MustReject));
            }
        }

        foreach (var kind in new JsonNode[] { JsonValue.Create(3), new JsonObject(), new JsonArray("message"), JsonValue.Create(false) })
        {
            mutations.Add(Changed(source, $"item type {kind.ToJsonString()}", root, r => r["input"]![0]!["type"] = kind.DeepClone(), Expectation.MustReject));
        }

        mutations.Add(Changed(source, "message without content", root, r => Add(r, new JsonObject { ["type"] = "message", ["role"] = "user" }), Expectation.MustReject));
        mutations.Add(Changed(source, "text part without text", root, r => Add(r, new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text" }) }), Expectation.MustReject));
        mutations.Add(Changed(source, "function_call with empty name", root, r => Add(r, Call(name: "", arguments: "{}")), Expectation.MustReject));
        mutations.Add(Changed(source, "function_call without arguments", root, r => Add(r, Call(name: "f", arguments: null)), Expectation.MustReject));
        mutations.Add(Changed(source, "function_call arguments as object", root, r => Add(r, Call("f", null, new JsonObject())), Expectation.MustReject));
        mutations.Add(Changed(source, "item id as number", root, r => r["input"]![0]!["id"] = 7, Expectation.MustReject));
        mutations.Add(Changed(source, "output without output", root, r => Add(r, new JsonObject { ["type"] = "function_call_output", ["call_id"] = "c" }), Expectation.MustReject));

        AddTool(source, root, mutations, "tool as number", JsonValue.Create(5));
        AddTool(source, root, mutations, "tool as array", new JsonArray());
        AddTool(source, root, mutations, "tool without type", new JsonObject { ["name"] = "f" });
        AddTool(source, root, mutations, "tool of unknown type", new JsonObject { ["type"] = "teleporter", ["name"] = "f" });
        AddTool(source, root, mutations, "function name with a space", new JsonObject { ["type"] = "function", ["name"] = "two words" });
        AddTool(source, root, mutations, "function name of 65 characters", new JsonObject { ["type"] = "function", ["name"] = new string('f', 65) });
        AddTool(source, root, mutations, "function name empty", new JsonObject { ["type"] = "function", ["name"] = "" });
        AddTool(source, root, mutations, "parameters as string", new JsonObject { ["type"] = "function", ["name"] = "f", ["parameters"] = "{}" });
        AddTool(source, root, mutations, "strict as string", new JsonObject { ["type"] = "function", ["name"] = "f", ["strict"] = "true" });
        AddTool(source, root, mutations, "namespace tools as object", new JsonObject { ["type"] = "namespace", ["name"] = "ns", ["tools"] = new JsonObject() });
        AddTool(source, root, mutations, "namespace member name with a dot", new JsonObject { ["type"] = "namespace", ["name"] = "ns", ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "a.b" }) });
        mutations.Add(Changed(source, "tool_choice naming a missing tool", root, r => r["tool_choice"] = new JsonObject { ["type"] = "function", ["name"] = "no_such_tool" }, Expectation.MustReject));
        mutations.Add(Changed(source, "tool_choice of an unknown mode", root, r => r["tool_choice"] = "sometimes", Expectation.MustReject));
    }

    /// <summary>A huge value in every string slot of the request, its items, their parts and its tools: a 4xx or a 200, never a 5xx or a hang.</summary>
    private static void AddHugeStrings(string source, JsonObject root, List<Mutation> mutations)
    {
        var huge = new string('x', HugeLength);
        var slots = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in StringSlots(root, "", 0))
        {
            // One mutation per slot name (input[7].text and input[9].text are one slot).
            if (slots.Add(System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", "[]")))
            {
                mutations.Add(Changed(source, $"huge {path}", root, r => Set(r, path, huge), Expectation.Either));
            }
        }
    }

    private static void AddWrongMethods(List<Mutation> mutations)
    {
        foreach (var (method, path) in new[] { ("PUT", "responses"), ("PATCH", "responses"), ("DELETE", "responses"), ("POST", "responses/resp_1"), ("PUT", "responses/resp_1/input_items"), ("POST", "models") })
        {
            mutations.Add(new($"{method} /v1/{path}", "{}"u8.ToArray(), Expectation.MustReject) { Method = method, Path = path });
        }

        mutations.Add(new("GET an unknown path", [], Expectation.MustReject) { Method = "GET", Path = "no/such/path" });
        mutations.Add(new("POST an unknown path", "{}"u8.ToArray(), Expectation.MustReject) { Method = "POST", Path = "chat/completions" });
        mutations.Add(new("GET a huge unknown path", [], Expectation.MustReject) { Method = "GET", Path = new string('p', 8000) });
    }

    private static IEnumerable<string> StringSlots(JsonNode node, string path, int depth)
    {
        switch (node)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return path;
                break;
            case JsonObject obj when depth < 4:
                foreach (var (key, child) in obj)
                {
                    foreach (var slot in child is null ? [] : StringSlots(child, path.Length == 0 ? key : $"{path}.{key}", depth + 1))
                    {
                        yield return slot;
                    }
                }

                break;
            case JsonArray array when depth < 4:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var slot in array[i] is null ? [] : StringSlots(array[i]!, $"{path}[{i}]", depth + 1))
                    {
                        yield return slot;
                    }
                }

                break;
        }
    }

    private static void Set(JsonObject root, string path, string value)
    {
        JsonNode node = root;
        var steps = System.Text.RegularExpressions.Regex.Matches(path, @"[^.\[\]]+|\[\d+\]").Select(m => m.Value).ToList();
        for (var i = 0; i < steps.Count - 1; i++)
        {
            node = steps[i].StartsWith('[') ? node[int.Parse(steps[i][1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[steps[i]]!;
        }

        var last = steps[^1];
        if (last.StartsWith('['))
        {
            node[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            node[last] = value;
        }
    }

    private static Mutation Changed(string source, string name, JsonObject root, Action<JsonObject> change, Expectation expectation)
    {
        var copy = root.DeepClone().AsObject();
        change(copy);
        return new($"{source}: {name}", Bytes(copy), expectation);
    }

    private static void AddTool(string source, JsonObject root, List<Mutation> mutations, string name, JsonNode tool) =>
        mutations.Add(Changed(source, name, root, r => r["tools"]!.AsArray().Add(tool.DeepClone()), Expectation.MustReject));

    private static void Add(JsonObject root, JsonObject item) => root["input"]!.AsArray().Add(item);

    private static JsonObject Call(string name, string? arguments, JsonNode? argumentNode = null)
    {
        var call = new JsonObject { ["type"] = "function_call", ["call_id"] = "call_hostile", ["name"] = name };
        if (arguments is not null || argumentNode is not null)
        {
            call["arguments"] = argumentNode ?? arguments;
        }

        return call;
    }

    private static JsonObject ManyPairs(int count)
    {
        var pairs = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            pairs[$"k{i}"] = "v";
        }

        return pairs;
    }
}
