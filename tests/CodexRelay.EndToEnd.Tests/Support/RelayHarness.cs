using CodexRelay.Gateway.Embedding;

namespace CodexRelay.EndToEnd.Tests.Support;

/// <summary>A strict scripted upstream and a relay in front of it (embedding API, free ports, co-hosted silo).</summary>
internal sealed class RelayHarness : IAsyncDisposable
{
    private RelayHarness(StrictChatUpstream upstream, RunningRelay relay)
    {
        Upstream = upstream;
        Relay = relay;
    }

    public StrictChatUpstream Upstream { get; }

    public RunningRelay Relay { get; }

    public Uri Api => new(Relay.BaseAddress, "v1/");

    public static async Task<RelayHarness> StartAsync(params string[] arguments)
    {
        var upstream = await StrictChatUpstream.StartAsync();
        var relay = await CodexRelayServer.StartAsync(new RelayStartOptions
        {
            Upstream = upstream.BaseAddress.ToString().TrimEnd('/'),
            AdditionalArguments = arguments,
        });
        return new RelayHarness(upstream, relay);
    }

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
