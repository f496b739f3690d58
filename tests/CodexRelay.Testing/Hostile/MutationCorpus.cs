using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.Testing.Files;

namespace CodexRelay.Testing.Hostile;

/// <summary>
/// A deterministic corpus of hostile inputs made from the captured Codex requests: dropped and retyped
/// fields, truncation, huge strings, deep nesting, invalid UTF-8 and random bytes; and the classes of
/// MutationCorpus.Classes.cs (non-forwarded fields, item kinds, tool shapes, a huge value in every string slot, wrong methods). The unit tests run it against
/// the request reader, the end-to-end tests against the relay over HTTP.
/// </summary>
public static partial class MutationCorpus
{
    private static readonly string[] Sources = ["turn2.json", "mcp-turn2.json", "gpt55-turn2-apply-patch.json", "parallel-turn2.json", "reasoning-turn2.json"];
    private static readonly string[] RequiredTopLevel = ["model", "input"];
    private static readonly string[] IgnoredTopLevel = ["client_metadata"];
    private static readonly JsonNode?[] WrongValues = [JsonValue.Create(42), JsonValue.Create(true), JsonValue.Create("text"), new JsonObject(), new JsonArray(1, 2)];

    public static List<Mutation> Build(int seed = 1234)
    {
        var random = new Random(seed);
        var mutations = new List<Mutation>();
        foreach (var source in Sources)
        {
            var json = CodexCapture.Body(source).GetRawText();
            var bytes = Encoding.UTF8.GetBytes(json);
            var root = JsonNode.Parse(json)!.AsObject();
            AddTopLevel(source, root, mutations);
            AddItemMutations(source, root, random, mutations);
            AddValidationClasses(source, root, mutations);
            AddHugeStrings(source, root, mutations);
            for (var i = 0; i < 20; i++)
            {
                var cut = random.Next(1, bytes.Length - 1);
                mutations.Add(new($"{source}: truncated at {cut}", bytes[..cut], Expectation.MustReject));
            }

            for (var i = 0; i < 10; i++)
            {
                var broken = (byte[])bytes.Clone();
                var at = json.IndexOf("\"text\":\"", random.Next(json.Length / 2), StringComparison.Ordinal);
                broken[at < 0 ? random.Next(bytes.Length) : at + 8] = 0xFF;
                mutations.Add(new($"{source}: invalid UTF-8 #{i}", broken, Expectation.MustReject));
            }

            mutations.Add(new($"{source}: deep nesting in input", DeepInput(root), Expectation.MustReject));
            mutations.Add(new($"{source}: deep nesting in a tool schema", Nest(root, 100), Expectation.Either));
            mutations.Add(new($"{source}: huge user text", Huge(root), Expectation.MustAccept));
        }

        for (var i = 0; i < 40; i++)
        {
            var noise = new byte[random.Next(1, 4096)];
            random.NextBytes(noise);
            noise[0] = (byte)"{[\"x@\0"[i % 6];
            mutations.Add(new($"random bytes #{i}", noise, Expectation.MustReject));
        }

        mutations.Add(new("empty body", [], Expectation.MustReject));
        mutations.Add(new("json null", "null"u8.ToArray(), Expectation.MustReject));
        mutations.Add(new("json array", "[]"u8.ToArray(), Expectation.MustReject));
        AddWrongMethods(mutations);
        return mutations;
    }

    private static void AddTopLevel(string source, JsonObject root, List<Mutation> mutations)
    {
        foreach (var key in root.Select(p => p.Key).ToList())
        {
            var dropped = root.DeepClone().AsObject();
            dropped.Remove(key);
            mutations.Add(new($"{source}: drop {key}", Bytes(dropped), RequiredTopLevel.Contains(key) ? Expectation.MustReject : Expectation.MustAccept));
            foreach (var wrong in WrongValues)
            {
                var retyped = root.DeepClone().AsObject();
                retyped[key] = wrong?.DeepClone();
                var kind = wrong!.GetValueKind();
                var sameKind = Kind(root[key]) == Kind(wrong) || (key == "input" && kind == System.Text.Json.JsonValueKind.String)
                    || (key == "tool_choice" && kind is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Object);
                var expectation = IgnoredTopLevel.Contains(key) ? Expectation.Either : sameKind ? Expectation.Either : Expectation.MustReject;
                mutations.Add(new($"{source}: {key} as {kind}", Bytes(retyped), expectation));
            }
        }

        var unknown = root.DeepClone().AsObject();
        unknown["some_future_field"] = new JsonObject { ["x"] = 1 };
        mutations.Add(new($"{source}: unknown extra field", Bytes(unknown), Expectation.MustAccept));
        var unknownItem = root.DeepClone().AsObject();
        unknownItem["input"]!.AsArray().Add(new JsonObject { ["type"] = "future_item", ["payload"] = 1 });
        mutations.Add(new($"{source}: unknown item type", Bytes(unknownItem), Expectation.MustAccept));
    }

    private static void AddItemMutations(string source, JsonObject root, Random random, List<Mutation> mutations)
    {
        var items = root["input"]!.AsArray();
        for (var index = 0; index < items.Count; index++)
        {
            foreach (var key in items[index]!.AsObject().Select(p => p.Key).ToList())
            {
                if (key is "id" or "status" or "annotations")
                {
                    continue;
                }

                var dropped = root.DeepClone().AsObject();
                dropped["input"]![index]!.AsObject().Remove(key);
                mutations.Add(new($"{source}: drop input[{index}].{key}", Bytes(dropped), Expectation.Either));
                var retyped = root.DeepClone().AsObject();
                retyped["input"]![index]![key] = WrongValues[random.Next(WrongValues.Length)]?.DeepClone();
                mutations.Add(new($"{source}: retype input[{index}].{key}", Bytes(retyped), Expectation.Either));
            }
        }

        var badRole = root.DeepClone().AsObject();
        badRole["input"]![0]!["role"] = "wizard";
        mutations.Add(new($"{source}: unknown role", Bytes(badRole), Expectation.MustReject));
        var badPart = root.DeepClone().AsObject();
        badPart["input"]![0]!["content"]![0]!["type"] = "input_hologram";
        mutations.Add(new($"{source}: unknown content part", Bytes(badPart), Expectation.MustReject));
    }

    /// <summary>true and false are one JSON type (boolean).</summary>
    private static System.Text.Json.JsonValueKind? Kind(JsonNode? node) =>
        node?.GetValueKind() is System.Text.Json.JsonValueKind.True ? System.Text.Json.JsonValueKind.False : node?.GetValueKind();

    private static byte[] DeepInput(JsonObject root)
    {
        var text = root.ToJsonString();
        return Encoding.UTF8.GetBytes(text.Replace("\"input\":[", "\"input\":[" + new string('[', 300) + new string(']', 300) + ",", StringComparison.Ordinal));
    }

    private static byte[] Nest(JsonObject root, int depth)
    {
        var nested = root.DeepClone().AsObject();
        JsonNode schema = new JsonObject { ["type"] = "string" };
        for (var i = 0; i < depth; i++)
        {
            schema = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["x"] = schema } };
        }

        nested["tools"]!.AsArray().Add(new JsonObject { ["type"] = "function", ["name"] = "deep", ["parameters"] = schema });
        return Bytes(nested);
    }

    private static byte[] Huge(JsonObject root)
    {
        var huge = root.DeepClone().AsObject();
        huge["input"]!.AsArray().Add(new JsonObject { ["role"] = "user", ["content"] = new string('x', 2 * 1024 * 1024) });
        return Bytes(huge);
    }

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
