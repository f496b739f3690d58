using CodexRelay.Contracts.History;
using CodexRelay.Grains.History;
using CodexRelay.Testing.Time;

namespace CodexRelay.Tests.History;

public sealed class TurnCacheTests
{
    [Fact]
    public void MaxSessions_EvictsTheLeastRecentlyUsedConversation()
    {
        var cache = new TurnCache(maxConversations: 2, maxBytes: long.MaxValue);
        cache.Put("a", Turn("ra", 10));
        cache.Put("b", Turn("rb", 10));
        Assert.True(cache.TryGet("a", "ra", out _));

        cache.Put("c", Turn("rc", 10));

        Assert.Equal(2, cache.Conversations);
        Assert.False(cache.TryGet("b", "rb", out _));
        Assert.True(cache.TryGet("a", "ra", out _));
    }

    [Fact]
    public void EvictingAConversation_TellsItsAttachedGrain_AndOnlyThatOne()
    {
        var cache = new TurnCache(maxConversations: 2, maxBytes: long.MaxValue);
        var evicted = new List<string>();
        Action onA = () => evicted.Add("a"), onB = () => evicted.Add("b"), staleB = () => evicted.Add("stale b");
        cache.Attach("a", onA);
        cache.Attach("b", staleB);
        cache.Attach("b", onB);
        cache.Put("a", Turn("ra", 10));
        cache.Put("b", Turn("rb", 10));
        cache.Detach("b", staleB);

        cache.Put("c", Turn("rc", 10));
        cache.Put("d", Turn("rd", 10));

        Assert.Equal(["a", "b"], evicted);
        cache.Detach("a", onA);
        cache.Put("a", Turn("ra", 10));
        Assert.Equal(["a", "b"], evicted);
    }

    [Fact]
    public void MemoryBudget_BoundsTheCachedBytes()
    {
        var cache = new TurnCache(maxConversations: 1000, maxBytes: 100_000);
        for (var i = 0; i < 50; i++)
        {
            cache.Put($"conversation-{i}", Turn($"r{i}", 10_000));
        }

        Assert.True(cache.Bytes <= 100_000, $"{cache.Bytes}");
        Assert.True(cache.TryGet("conversation-49", "r49", out _));
        Assert.False(cache.TryGet("conversation-0", "r0", out _));
    }

    [Fact]
    public void TurnsCachedLongerThanTheRefreshTime_AreReadFromTheStoreAgain()
    {
        var time = new ManualClock(DateTimeOffset.UnixEpoch);
        var cache = new TurnCache(10, long.MaxValue, TimeSpan.FromHours(84), time);
        cache.Put("a", Turn("ra", 10));

        time.Advance(TimeSpan.FromHours(83));
        Assert.True(cache.TryGet("a", "ra", out _));
        time.Advance(TimeSpan.FromHours(2));
        Assert.False(cache.TryGet("a", "ra", out _));
    }

    private static StoredTurn Turn(string id, int size) => new() { ResponseId = id, Owner = "default", InputItemsJson = "[]", ResponseJson = new string('x', size) };
}
