using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.HistoryBench;

/// <summary>
/// A 30-turn Codex session (the captured 0.169.0 request: 17 KB system prompt, full tool list) over HTTP,
/// which re-sends everything, and over WebSocket, which sends only new items: bytes uploaded per turn and
/// the gateway's translation time per turn.
/// </summary>
internal static class UploadBench
{
    private const int Turns = 30;

    public static async Task<List<string>> RunAsync(BenchRelay relay)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "turn1.json")));
        var baseBody = JsonNode.Parse(document.RootElement.GetProperty("body").GetRawText())!.AsObject();
        baseBody["stream"] = false;
        var http = await HttpSessionAsync(relay, baseBody);
        var socket = await SocketSessionAsync(relay, baseBody);
        var lines = new List<string>
        {
            "## Bytes uploaded per turn by the client, HTTP vs WebSocket (30-turn session, captured Codex 0.169.0 request)",
            "",
            "| turn | HTTP bytes | WebSocket bytes | translation HTTP (µs) | translation WebSocket (µs) |",
            "|---|---|---|---|---|",
        };
        foreach (var turn in new[] { 1, 2, 10, 20, 30 })
        {
            lines.Add($"| {turn} | {http[turn - 1].Bytes} | {socket[turn - 1].Bytes} | {http[turn - 1].TranslationMicroseconds:0} | {socket[turn - 1].TranslationMicroseconds:0} |");
        }

        var flat = socket[Turns - 1].Bytes <= socket[1].Bytes * 1.1;
        var growthPerTurn = (http[Turns - 1].Bytes - http[0].Bytes) / (double)(Turns - 1);
        lines.Add("");
        lines.Add($"WebSocket per-turn upload flat (turn 30 within 10% of turn 2): {(flat ? "PASS" : "FAIL")}; HTTP grows by {growthPerTurn:0} bytes per turn (with tool calls and their outputs, much faster)");
        lines.Add("");
        return lines;
    }

    private static async Task<List<(long Bytes, double TranslationMicroseconds)>> HttpSessionAsync(BenchRelay relay, JsonObject baseBody)
    {
        var results = new List<(long, double)>();
        var body = (JsonObject)baseBody.DeepClone();
        for (var turn = 1; turn <= Turns; turn++)
        {
            if (turn > 1)
            {
                body["input"]!.AsArray().Add(UserMessage(turn));
            }

            var payload = body.ToJsonString();
            using var response = await relay.Http.PostAsync(relay.Responses, new StringContent(payload, Encoding.UTF8, "application/json"));
            var output = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["output"]!.AsArray();
            results.Add((Encoding.UTF8.GetByteCount(payload), TimeTranslation(body, [])));
            foreach (var item in output)
            {
                body["input"]!.AsArray().Add(item!.DeepClone());
            }
        }

        return results;
    }

    private static async Task<List<(long Bytes, double TranslationMicroseconds)>> SocketSessionAsync(BenchRelay relay, JsonObject baseBody)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(relay.Responses.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), CancellationToken.None);
        var items = baseBody["input"]!.AsArray();
        var warmup = Frame(baseBody, new JsonArray(items[0]!.DeepClone()), null);
        warmup["generate"] = false;
        var (previous, _) = await SendAsync(socket, warmup);
        var history = new List<JsonNode> { items[0]!.DeepClone() };
        var results = new List<(long, double)>();
        for (var turn = 1; turn <= Turns; turn++)
        {
            var input = turn == 1 ? new JsonArray([.. items.Skip(1).Select(i => i!.DeepClone())]) : new JsonArray(UserMessage(turn));
            var frame = Frame(baseBody, input, previous);
            var payload = frame.ToJsonString();
            var translation = TimeTranslation(frame, history);
            (previous, var output) = await SendAsync(socket, frame);
            results.Add((Encoding.UTF8.GetByteCount(payload), translation));
            history.AddRange(input.Select(i => i!.DeepClone()));
            history.AddRange(output.Select(i => i!.DeepClone()));
        }

        return results;
    }

    private static JsonObject Frame(JsonObject baseBody, JsonArray input, string? previous)
    {
        var frame = (JsonObject)baseBody.DeepClone();
        frame["type"] = "response.create";
        frame["stream"] = true;
        frame["input"] = input;
        frame["previous_response_id"] = previous;
        return frame;
    }

    private static async Task<(string Id, JsonArray Output)> SendAsync(ClientWebSocket socket, JsonObject frame)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1 << 20];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var payload = JsonNode.Parse(message.ToArray())!;
            if (payload["type"]!.GetValue<string>() == "response.completed")
            {
                return (payload["response"]!["id"]!.GetValue<string>(), payload["response"]!["output"]!.AsArray());
            }

            if (payload["type"]!.GetValue<string>() is "error" or "response.failed")
            {
                throw new InvalidOperationException(payload.ToJsonString());
            }
        }
    }

    /// <summary>The gateway's translation of one turn (what it does per request), averaged over repetitions.</summary>
    private static double TimeTranslation(JsonObject body, IReadOnlyList<JsonNode> stored)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        ResponsesRequestReader.TryRead(document.RootElement, out var request, out _);
        var earlier = stored.Select(i => JsonSerializer.SerializeToElement(i)).ToList();
        var settings = new TranslationSettings();
        const int Repetitions = 20;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < Repetitions; i++)
        {
            _ = ChatRequestTranslator.ToChatRequest(request, earlier, settings).Body.ToJsonString();
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / Repetitions;
    }

    private static JsonObject UserMessage(int turn) => new()
    {
        ["type"] = "message",
        ["role"] = "user",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = $"Now do step {turn} of the plan." }),
    };
}
