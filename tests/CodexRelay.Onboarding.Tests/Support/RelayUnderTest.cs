using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Gateway.Cli;
using CodexRelay.Gateway.Embedding;

namespace CodexRelay.Onboarding.Tests.Support;

/// <summary>The strict scripted upstream plus a relay started in-process through the embedding API.</summary>
internal sealed class RelayUnderTest : IAsyncDisposable
{
    public const string Alias = "codex-test";

    /// <summary>The model the upstream lists first, which <see cref="Alias"/> maps to.</summary>
    public const string UpstreamModel = "fake-chat";

    private RelayUnderTest(StrictChatUpstream upstream, RunningRelay relay)
    {
        Upstream = upstream;
        Relay = relay;
    }

    public StrictChatUpstream Upstream { get; }

    public RunningRelay Relay { get; }

    public int Port => Relay.BaseAddress.Port;

    /// <summary>The relay maps <see cref="Alias"/> to the fake model and prints its catalog template with the real CLI.</summary>
    public static async Task<RelayUnderTest> StartAsync()
    {
        var upstream = await StartUpstreamAsync();
        var relay = await CodexRelayServer.StartAsync(new RelayStartOptions
        {
            Upstream = upstream.BaseAddress.ToString(),
            ModelMap = $"{Alias}:{UpstreamModel}",
            CodexPath = RepoPaths.Codex(),
        });
        return new RelayUnderTest(upstream, relay);
    }

    /// <summary>A strict upstream listing two models that answers every chat request with "ok".</summary>
    public static async Task<StrictChatUpstream> StartUpstreamAsync()
    {
        var upstream = await StrictChatUpstream.StartAsync(UpstreamModel, "fake-other");
        upstream.DefaultReply = ScriptedReply.Stream(Chunks.Answer("ok"));
        return upstream;
    }

    /// <summary>What <c>codex-relay --print-config</c> prints for this relay.</summary>
    public async Task<(int ExitCode, string Config, string Errors)> PrintConfigAsync(params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] args = ["--print-config", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--upstream", Upstream.BaseAddress.ToString(), "--model-map", $"{Alias}:{UpstreamModel}", "--codex", RepoPaths.Codex(), .. extra];
        var exitCode = await PrintConfigCommand.RunAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
