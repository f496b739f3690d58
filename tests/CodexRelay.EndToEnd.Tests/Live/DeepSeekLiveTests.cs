namespace CodexRelay.EndToEnd.Tests.Live;

/// <summary>DeepSeek (a thinking model: reasoning_content must come back) through the relay (runs when DEEPSEEK_API_KEY is set; the model from CODEX_RELAY_LIVE_DEEPSEEK_MODEL, default deepseek-reasoner).</summary>
public sealed class DeepSeekLiveTests
{
    private const string Variable = "DEEPSEEK_API_KEY";

    [LiveProviderFact(Variable)]
    public async Task TextTurn_Completes()
    {
        await using var relay = await LiveScenario.StartAsync("https://api.deepseek.com/v1", Environment.GetEnvironmentVariable(Variable));
        await LiveScenario.TextTurnAsync(relay, LiveScenario.Setting("CODEX_RELAY_LIVE_DEEPSEEK_MODEL", "deepseek-reasoner"));
    }

    [LiveProviderFact(Variable)]
    public async Task ToolRoundTrip_Completes()
    {
        await using var relay = await LiveScenario.StartAsync("https://api.deepseek.com/v1", Environment.GetEnvironmentVariable(Variable));
        await LiveScenario.ToolRoundTripAsync(relay, LiveScenario.Setting("CODEX_RELAY_LIVE_DEEPSEEK_MODEL", "deepseek-reasoner"));
    }
}
