using CodexRelay.Gateway.Onboarding;

namespace CodexRelay.Onboarding.Tests.Support;

/// <summary>A fake upstream plus a relay started in-process through the embedding API.</summary>
internal sealed class RelayUnderTest : IAsyncDisposable
{
    public const string Alias = "codex-test";

    private RelayUnderTest(FakeChatUpstream upstream, RunningRelay relay)
    {
        Upstream = upstream;
        Relay = relay;
    }

    public FakeChatUpstream Upstream { get; }

    public RunningRelay Relay { get; }

    public int Port => Relay.BaseAddress.Port;

    /// <summary>The relay maps <see cref="Alias"/> to the fake model and prints its catalog template with the real CLI.</summary>
    public static async Task<RelayUnderTest> StartAsync()
    {
        var upstream = await FakeChatUpstream.StartAsync();
        var relay = await CodexRelayServer.StartAsync(new RelayStartOptions
        {
            Upstream = upstream.BaseAddress.ToString(),
            ModelMap = $"{Alias}:{FakeChatUpstream.ModelId}",
            CodexPath = RepoPaths.Codex(),
        });
        return new RelayUnderTest(upstream, relay);
    }

    /// <summary>What <c>codex-relay --print-config</c> prints for this relay.</summary>
    public async Task<(int ExitCode, string Config, string Errors)> PrintConfigAsync(params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] args = ["--print-config", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--upstream", Upstream.BaseAddress.ToString(), "--model-map", $"{Alias}:{FakeChatUpstream.ModelId}", "--codex", RepoPaths.Codex(), .. extra];
        var exitCode = await PrintConfigCommand.RunAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
