namespace CodexRelay.EndToEnd.Tests.Live;

/// <summary>A local Ollama (its /v1 URL) through the relay (runs when CODEX_RELAY_LIVE_OLLAMA_URL is set; the model from CODEX_RELAY_LIVE_OLLAMA_MODEL, default qwen2.5:1.5b).</summary>
public sealed class OllamaLiveTests
{
    private const string Variable = "CODEX_RELAY_LIVE_OLLAMA_URL";

    [LiveProviderFact(Variable)]
    public async Task TextTurn_Completes()
    {
        await using var relay = await LiveScenario.StartAsync(Environment.GetEnvironmentVariable(Variable)!, null);
        await LiveScenario.TextTurnAsync(relay, LiveScenario.Setting("CODEX_RELAY_LIVE_OLLAMA_MODEL", "qwen2.5:1.5b"));
    }

    [LiveProviderFact(Variable)]
    public async Task ToolRoundTrip_Completes()
    {
        await using var relay = await LiveScenario.StartAsync(Environment.GetEnvironmentVariable(Variable)!, null);
        await LiveScenario.ToolRoundTripAsync(relay, LiveScenario.Setting("CODEX_RELAY_LIVE_OLLAMA_MODEL", "qwen2.5:1.5b"));
    }
}
