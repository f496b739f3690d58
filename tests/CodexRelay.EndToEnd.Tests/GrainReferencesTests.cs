using CodexRelay.Contracts;
using CodexRelay.Contracts.History;
using CodexRelay.Contracts.Tenancy;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Gateway.Embedding;
using CodexRelay.Testing.Upstream;
using Microsoft.Extensions.DependencyInjection;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>The cached references (<see cref="GrainReferences"/>) are the ones Orleans makes: same id, same interface, same grain.</summary>
public sealed class GrainReferencesTests
{
    [Fact]
    public async Task AReference_IsTheOneGetGrainMakes_ForEveryKey()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        await using var relay = await CodexRelayServer.StartAsync(new RelayStartOptions { Upstream = upstream.BaseAddress.ToString().TrimEnd('/') });
        var grains = relay.Services.GetRequiredService<IGrainFactory>();

        foreach (var key in new[] { "conv_a", "conv_b", "tenant/2026-12-07", "ü-é/ключ" })
        {
            var made = (GrainReference)(object)grains.GetGrain<IConversationGrain>(key);
            var cached = (GrainReference)(object)grains.Reference<IConversationGrain>(key);
            Assert.Equal(made.GrainId, cached.GrainId);
            Assert.Equal(made.InterfaceType, cached.InterfaceType);
            Assert.Equal(made.GrainId, grains.Id<IConversationGrain>(key));
        }

        // Two interfaces, two grain types: each keeps its own.
        Assert.NotEqual(grains.Id<IConversationGrain>("same").Type, grains.Id<IUsageGrain>("same").Type);
        Assert.Equal(grains.GetGrain<IUsageGrain>("same").GetGrainId(), grains.Id<IUsageGrain>("same"));

        // And a call through a cached reference reaches the grain a usual reference reaches.
        var day = $"default/{DateTime.UtcNow:yyyy-MM-dd}";
        Assert.Equal(
            (await grains.GetGrain<IUsageGrain>(day).ListAsync()).Count,
            (await grains.Reference<IUsageGrain>(day).ListAsync()).Count);
    }
}
