using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Gateway.Embedding;

namespace CodexRelay.EndToEnd.Tests.Live;

/// <summary>
/// What every live provider test runs through a relay in front of the real provider: a short text turn, and a tool
/// round trip sent back as Codex does (store false, the output items replayed, reasoning included).
/// </summary>
internal static class LiveScenario
{
    public static async Task<RunningRelay> StartAsync(string baseUrl, string? apiKey) =>
        await CodexRelayServer.StartAsync(new RelayStartOptions { Upstream = baseUrl.TrimEnd('/'), ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey });

    public static async Task TextTurnAsync(RunningRelay relay, string model)
    {
        var events = await PostAsync(relay, new JsonObject
        {
            ["model"] = model,
            ["stream"] = true,
            ["store"] = false,
            ["input"] = "Reply with the single word: pong",
        });

        Assert.True(RelayHttp.Type(events[^1]) == "response.completed", events[^1].ToJsonString());
    }

    public static async Task ToolRoundTripAsync(RunningRelay relay, string model)
    {
        var input = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = "What is the weather in Paris? Use the get_weather tool." } };
        var first = await PostAsync(relay, Request(model, input, toolChoice: "required"));
        Assert.True(RelayHttp.Type(first[^1]) == "response.completed", first[^1].ToJsonString());
        var output = first[^1]["response"]!["output"]!.AsArray();
        var call = output.Single(i => i!["type"]!.GetValue<string>() == "function_call")!;
        foreach (var item in output)
        {
            input.Add(item!.DeepClone());
        }

        input.Add(new JsonObject { ["type"] = "function_call_output", ["call_id"] = call["call_id"]!.GetValue<string>(), ["output"] = "Sunny, 21 C." });
        var second = await PostAsync(relay, Request(model, input, toolChoice: "auto"));

        Assert.True(RelayHttp.Type(second[^1]) == "response.completed", second[^1].ToJsonString());
    }

    private static JsonObject Request(string model, JsonArray input, string toolChoice) => new()
    {
        ["model"] = model,
        ["stream"] = true,
        ["store"] = false,
        ["include"] = new JsonArray("reasoning.encrypted_content"),
        ["tool_choice"] = toolChoice,
        ["tools"] = new JsonArray(new JsonObject
        {
            ["type"] = "function",
            ["name"] = "get_weather",
            ["description"] = "The current weather of a city.",
            ["parameters"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } },
                ["required"] = new JsonArray("city"),
            },
        }),
        ["input"] = input.DeepClone(),
    };

    private static async Task<List<JsonObject>> PostAsync(RunningRelay relay, JsonObject body)
    {
        using var response = await RelayHttp.PostAsync(new Uri(relay.BaseAddress, "v1/"), body.ToJsonString(), bearer: null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return await RelayHttp.EventsAsync(new HttpResponseMessage { Content = new StringContent(text) });
    }

    public static string Setting(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback;
}
