using CodexRelay.Gateway.Embedding;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.Testing.Relays;

/// <summary>
/// A strict scripted upstream and a relay in front of it, started in the test's process through the embedding
/// API (free port, co-hosted silo). Disposing it stops both. For the relay as its own process see <see cref="RelayProcess"/>.
/// </summary>
public sealed class RelayHarness : IAsyncDisposable
{
    private RelayHarness(StrictChatUpstream upstream, RunningRelay relay)
    {
        Upstream = upstream;
        Relay = relay;
    }

    public StrictChatUpstream Upstream { get; }

    public RunningRelay Relay { get; }

    /// <summary>The relay's <c>…/v1/</c>, with the trailing slash relative URIs need.</summary>
    public Uri Api => new(Relay.BaseAddress, "v1/");

    public int Port => Relay.BaseAddress.Port;

    /// <summary>A new upstream listing <c>scripted-model</c> and a relay in front of it, given extra command-line flags.</summary>
    public static async Task<RelayHarness> StartAsync(params string[] arguments)
    {
        var upstream = await StrictChatUpstream.StartAsync();
        return await StartAsync(upstream, new RelayStartOptions
        {
            Upstream = upstream.BaseAddress.ToString().TrimEnd('/'),
            AdditionalArguments = arguments,
        });
    }

    /// <summary>A relay started with <paramref name="options"/> in front of <paramref name="upstream"/>, which the harness now owns.</summary>
    public static async Task<RelayHarness> StartAsync(StrictChatUpstream upstream, RelayStartOptions options)
    {
        try
        {
            return new RelayHarness(upstream, await CodexRelayServer.StartAsync(options));
        }
        catch
        {
            await upstream.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
