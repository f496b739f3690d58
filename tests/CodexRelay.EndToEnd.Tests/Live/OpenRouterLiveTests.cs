namespace CodexRelay.EndToEnd.Tests.Live;

/// <summary>OpenRouter through the relay (runs when OPENROUTER_API_KEY is set; the model from CODEX_RELAY_LIVE_OPENROUTER_MODEL, default openai/gpt-4o-mini).</summary>
public sealed class OpenRouterLiveTests
{
    private const string Variable = "OPENROUTER_API_KEY";

    [LiveProviderFact(Variable)]
    public async Task TextTurn_Completes()
    {
        await using var relay = await LiveScenario.StartAsync("https://openrouter.ai/api/v1", Environment.GetEnvironmentVariable(Variable));
        await LiveScenario.TextTurnAsync(relay, LiveScenario.Setting("CODEX_RELAY_LIVE_OPENROUTER_MODEL", "openai/gpt-4o-mini"));
    }

    [LiveProviderFact(Variable)]
    public async Task ToolRoundTrip_Completes()
    {
        await using var relay = await LiveScenario.StartAsync("https://openrouter.ai/api/v1", Environment.GetEnvironmentVariable(Variable));
        await LiveScenario.ToolRoundTripAsync(relay, LiveScenario.Setting("CODEX_RELAY_LIVE_OPENROUTER_MODEL", "openai/gpt-4o-mini"));
    }
}
