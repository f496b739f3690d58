namespace CodexRelay.EndToEnd.Tests.Live;

/// <summary>A vLLM server (its /v1 URL) through the relay (runs when CODEX_RELAY_LIVE_VLLM_URL is set; the model from CODEX_RELAY_LIVE_VLLM_MODEL, default Qwen/Qwen3-8B).</summary>
public sealed class VllmLiveTests
{
    private const string Variable = "CODEX_RELAY_LIVE_VLLM_URL";

    [LiveProviderFact(Variable)]
    public async Task TextTurn_Completes()
    {
        await using var relay = await LiveScenario.StartAsync(Environment.GetEnvironmentVariable(Variable)!, Environment.GetEnvironmentVariable("CODEX_RELAY_LIVE_VLLM_KEY"));
        await LiveScenario.TextTurnAsync(relay, LiveScenario.Setting("CODEX_RELAY_LIVE_VLLM_MODEL", "Qwen/Qwen3-8B"));
    }

    [LiveProviderFact(Variable)]
    public async Task ToolRoundTrip_Completes()
    {
        await using var relay = await LiveScenario.StartAsync(Environment.GetEnvironmentVariable(Variable)!, Environment.GetEnvironmentVariable("CODEX_RELAY_LIVE_VLLM_KEY"));
        await LiveScenario.ToolRoundTripAsync(relay, LiveScenario.Setting("CODEX_RELAY_LIVE_VLLM_MODEL", "Qwen/Qwen3-8B"));
    }
}
