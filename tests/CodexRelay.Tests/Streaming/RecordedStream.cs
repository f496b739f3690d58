using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Streaming;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Wire.Chat;

namespace CodexRelay.Tests.Streaming;

/// <summary>Replays a recorded upstream chunk stream through the state machine, as the endpoint does.</summary>
internal sealed record RecordedStream(List<JsonObject> Events, JsonObject Response)
{
    public static RecordedStream Replay(string fixture, ToolNameMap? names = null)
    {
        var lines = File.ReadAllLines(Fixtures.Path("upstream", fixture)).Where(l => l.Length > 0);
        var skeleton = new JsonObject { ["id"] = "resp_test", ["object"] = "response", ["created_at"] = 1, ["model"] = "m", ["output"] = new JsonArray() };
        using var machine = new ResponseStreamMachine(skeleton, names ?? ToolNameMap.Empty, new SequentialIds());
        var events = machine.Start().ToNodes();
        foreach (var line in lines)
        {
            if (line == "[DONE]")
            {
                break;
            }

            events.AddRange(machine.OnChunk(ChatChunkReader.Read(line)).ToNodes());
        }

        if (machine.FinishReason is null)
        {
            events.AddRange(machine.Fail(new Failure(FailureKind.StreamTruncated, "truncated"), out var failed).ToNodes());
            return new RecordedStream(events, failed);
        }

        events.AddRange(machine.Finish(out var final).ToNodes());
        events.AddRange(machine.Terminal(final).ToNodes());
        return new RecordedStream(events, final);
    }

    public IEnumerable<string> Types => Events.Select(e => e["type"]!.GetValue<string>());

    public JsonArray Output => Response["output"]!.AsArray();

    public static string Text(JsonNode? node) => node!.GetValue<string>();

    public static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
}
