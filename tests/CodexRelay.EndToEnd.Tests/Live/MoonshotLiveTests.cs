namespace CodexRelay.EndToEnd.Tests.Live;

/// <summary>Kimi (Moonshot; reasoning_content on every tool-call message) through the relay (runs when MOONSHOT_API_KEY is set; the model from CODEX_RELAY_LIVE_MOONSHOT_MODEL, default kimi-k2-thinking).</summary>
public sealed class MoonshotLiveTests
{
    private const string Variable = "MOONSHOT_API_KEY";

    [LiveProviderFact(Variable)]
    public async Task TextTurn_Completes()
    {
        await using var relay = await LiveScenario.StartAsync(LiveScenario.Setting("CODEX_RELAY_LIVE_MOONSHOT_URL", "https://api.moonshot.ai/v1"), Environment.GetEnvironmentVariable(Variable));
        await LiveScenario.TextTurnAsync(relay, LiveScenario.Setting("CODEX_RELAY_LIVE_MOONSHOT_MODEL", "kimi-k2-thinking"));
    }

    [LiveProviderFact(Variable)]
    public async Task ToolRoundTrip_Completes()
    {
        await using var relay = await LiveScenario.StartAsync(LiveScenario.Setting("CODEX_RELAY_LIVE_MOONSHOT_URL", "https://api.moonshot.ai/v1"), Environment.GetEnvironmentVariable(Variable));
        await LiveScenario.ToolRoundTripAsync(relay, LiveScenario.Setting("CODEX_RELAY_LIVE_MOONSHOT_MODEL", "kimi-k2-thinking"));
    }
}
