using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Embedding;

namespace CodexRelay.HistoryBench;

/// <summary>A relay in embedded mode with the Redis history store, and a way to send it requests.</summary>
internal sealed class BenchRelay : IAsyncDisposable
{
    private readonly RunningRelay _relay;

    private BenchRelay(RunningRelay relay) => _relay = relay;

    public HttpClient Http { get; } = new();

    public Uri Responses => new(_relay.ApiBaseAddress + "/responses");

    public Uri BaseAddress => _relay.BaseAddress;

    public static async Task<BenchRelay> StartAsync(string upstream, string redis) =>
        new(await CodexRelayServer.StartAsync(new RelayStartOptions
        {
            Upstream = upstream,
            AdditionalArguments = ["--history-store", "redis", $"--CodexRelay:Redis={redis}"],
        }));

    /// <summary>A blocking request; returns the response id.</summary>
    public async Task<string> CreateAsync(string text, string? previous, bool store = true)
    {
        var body = new JsonObject { ["model"] = "bench-model", ["input"] = text, ["store"] = store, ["previous_response_id"] = previous };
        using var response = await Http.PostAsJsonAsync(Responses, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _relay.DisposeAsync();
    }
}
