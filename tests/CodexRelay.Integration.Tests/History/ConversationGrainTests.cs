using CodexRelay.Contracts.History;
using CodexRelay.Grains.Hosting;
using CodexRelay.Testing.Storage;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using StackExchange.Redis;

namespace CodexRelay.Integration.Tests.History;

/// <summary>The ResponseHistory grain on the Redis store, through its grain API.</summary>
[Collection(RedisCollection.Name)]
public sealed class ConversationGrainTests(RedisFixture redis)
{
    [Fact]
    public async Task Chain_SurvivesAClusterRestart_AndOtherOwnersSeeNothing()
    {
        var conversation = ResponseIds.NewConversationId();
        var ids = Enumerable.Range(0, 3).Select(_ => ResponseIds.NewResponseId(conversation)).ToList();
        await using (var cluster = await StartClusterAsync())
        {
            var grain = cluster.Client.GetGrain<IConversationGrain>(conversation);
            for (var i = 0; i < ids.Count; i++)
            {
                await grain.RecordAsync(Turn(ids[i], i == 0 ? null : ids[i - 1], "default", $"turn {i}"));
            }
        }

        await using var restarted = await StartClusterAsync();
        var again = restarted.Client.GetGrain<IConversationGrain>(conversation);

        var chain = await again.GetChainAsync("default", ids[2]);
        Assert.NotNull(chain);
        Assert.Equal(ids, chain.Turns.Select(t => t.ResponseId));
        Assert.Null(await again.GetChainAsync("tenant-b", ids[2]));
        Assert.Null(await again.GetTurnAsync("tenant-b", ids[0]));
        Assert.False(await again.DeleteAsync("tenant-b", ids[0]));
        Assert.NotNull(await again.GetTurnAsync("default", ids[0]));
    }

    [Fact]
    public async Task BytesWrittenPerTurn_DoNotGrowWithTheConversation()
    {
        var conversation = ResponseIds.NewConversationId();
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IConversationGrain>(conversation);
        string? previous = null;
        var ids = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var id = ResponseIds.NewResponseId(conversation);
            await grain.RecordAsync(Turn(id, previous, "default", $"message number {i:D3}"));
            ids.Add(id);
            previous = id;
        }

        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var keys = server.Keys(pattern: $"codexrelay/conversation/{conversation}/*").Select(k => k.ToString()).ToList();
        long Size(string id) => database.HashGet(keys.Single(k => k.EndsWith("turn-" + id, StringComparison.Ordinal)), "data").ToString().Length;

        Assert.Equal(60, keys.Count);
        Assert.True(Size(ids[59]) <= 2 * Size(ids[0]), $"turn 60 wrote {Size(ids[59])} bytes, turn 1 {Size(ids[0])}");
        Assert.True(await database.KeyTimeToLiveAsync(keys[0]) is { } ttl && ttl > TimeSpan.FromHours(100));
        var chain = await grain.GetChainAsync("default", ids[59]);
        Assert.Equal(60, chain!.Turns.Count);
    }

    [Fact]
    public async Task MaxSessions_BoundsTheActiveConversationGrains_AndEvictedOnesStillAnswer()
    {
        await using var cluster = await StartClusterAsync(new() { ["CodexRelay:History:MaxSessions"] = "3" });
        var turns = new List<(string Conversation, string Id)>();
        for (var i = 0; i < 12; i++)
        {
            var conversation = ResponseIds.NewConversationId();
            var id = ResponseIds.NewResponseId(conversation);
            await cluster.Client.GetGrain<IConversationGrain>(conversation).RecordAsync(Turn(id, null, "default", $"conversation {i}"));
            turns.Add((conversation, id));
        }

        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var active = 0;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var statistics = await management.GetSimpleGrainStatistics();
            active = statistics.Where(s => s.GrainType.Contains("ConversationGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
            if (active <= 4)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.True(active <= 4, $"{active} conversation grains active with MaxSessions = 3 (the newest may be deactivating)");
        var first = turns[0];
        Assert.NotNull(await cluster.Client.GetGrain<IConversationGrain>(first.Conversation).GetTurnAsync("default", first.Id));
    }

    [Fact]
    public async Task RecordingTheSameTurnTwice_Succeeds_ADifferentTurnUnderItsIdConflicts()
    {
        var conversation = ResponseIds.NewConversationId();
        var id = ResponseIds.NewResponseId(conversation);
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IConversationGrain>(conversation);

        // The gateway retries a record whose reply was lost; the write had landed.
        await grain.RecordAsync(Turn(id, null, "default", "once"));
        await grain.RecordAsync(Turn(id, null, "default", "once"));

        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => grain.RecordAsync(Turn(id, null, "default", "something else")));
        Assert.Contains("once", (await grain.GetTurnAsync("default", id))!.InputItemsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFirstTurn_IsStoredWithoutActivatingItsConversation_WhichFindsItWhenTheConversationGoesOn()
    {
        var conversation = ResponseIds.NewConversationId();
        var (first, second) = (ResponseIds.NewResponseId(conversation), ResponseIds.NewResponseId(conversation));
        await using var cluster = await StartClusterAsync();
        var writer = cluster.Client.GetGrain<IFirstTurnWriterGrain>(0);

        await writer.RecordAsync(Turn(first, null, "team/alice", "hello"));
        await writer.RecordAsync(Turn(first, null, "team/alice", "hello"));
        var activeAfterWrite = await ConversationActivationsAsync(cluster);
        var grain = cluster.Client.GetGrain<IConversationGrain>(conversation);
        await grain.RecordAsync(Turn(second, first, "team/alice", "and then"));
        var chain = await grain.GetChainAsync("team/alice", second);

        Assert.Equal(0, activeAfterWrite);
        Assert.Equal([first, second], chain!.Turns.Select(t => t.ResponseId));
        Assert.Null(await grain.GetTurnAsync("team/bob", first));
        Assert.True(await grain.DeleteAsync("team/alice", first));
        Assert.Null(await grain.GetTurnAsync("team/alice", first));
        Assert.True(await IndexedAsync(cluster, "team", $"team/alice {first}"), "The first turn is not in its tenant's offboarding index.");
    }

    [Fact]
    public async Task TheFirstTurnWriter_ChecksAsTheConversationDoes_AndTakesOnlyFirstTurns()
    {
        var conversation = ResponseIds.NewConversationId();
        var id = ResponseIds.NewResponseId(conversation);
        await using var cluster = await StartClusterAsync(new() { ["CodexRelay:History:MaxTurnBytes"] = "100000" });
        var writer = cluster.Client.GetGrain<IFirstTurnWriterGrain>(0);

        await Assert.ThrowsAsync<ArgumentException>(() => writer.RecordAsync(Turn(id, ResponseIds.NewResponseId(conversation), "default", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => writer.RecordAsync(Turn("../../etc/passwd", null, "default", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => writer.RecordAsync(Turn(id, null, "", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => writer.RecordAsync(Turn(id, null, "default", new string('x', 100_000))));
        await writer.RecordAsync(Turn(id, null, "default", "once"));
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => writer.RecordAsync(Turn(id, null, "default", "something else")));
        Assert.Contains("once", (await cluster.Client.GetGrain<IConversationGrain>(conversation).GetTurnAsync("default", id))!.InputItemsJson, StringComparison.Ordinal);
    }

    /// <summary>
    /// A busy tenant's day index is written in pages of a thousand, each once, so a write behind never carries the whole
    /// day; a page found written already (a restart lost the open page's last write) is kept and listed too.
    /// </summary>
    [Fact]
    public async Task TheOffboardingIndex_IsWrittenInPages_AndListsEveryEntry()
    {
        var tenant = "paged" + Guid.NewGuid().ToString("N")[..8];
        var key = $"{tenant}/1970-01-01";
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var storage = new Grains.Storage.Redis.RedisGrainStorage(Grains.Tenancy.TenancyStorage.ServiceId, connection, Timeout.InfiniteTimeSpan);
        await storage.WriteStateAsync("page-0", GrainId.Create("ownerindex", key), new GrainState<Grains.Tenancy.OwnerIndexPage>(new() { Entries = ["earlier/x resp_earlier"] }));
        await using var cluster = await StartClusterAsync();
        var index = cluster.Client.GetGrain<CodexRelay.Contracts.Tenancy.IOwnerIndexGrain>(key);
        var added = Enumerable.Range(0, 2500).Select(i => $"{tenant}/u resp_{i:D4}").ToList();
        foreach (var entry in added)
        {
            await index.AddAsync(entry[..entry.IndexOf(' ')], entry[(entry.IndexOf(' ') + 1)..]);
        }

        var listed = new List<string>();
        for (var attempt = 0; attempt < 100 && listed.Count < added.Count + 1; attempt++)
        {
            await Task.Delay(100);
            listed.Clear();
            for (var page = 0; await index.ListPageAsync(page) is { Count: > 0 } entries; page++)
            {
                listed.AddRange(entries);
            }
        }

        Assert.Equal("earlier/x resp_earlier", listed[0]);
        Assert.Equal(added, listed.Skip(1).Order(StringComparer.Ordinal)); // one-way calls arrive in any order
        await Task.Delay(1500); // the open page's write behind
        var database = connection.GetDatabase();
        var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: $"{Grains.Tenancy.TenancyStorage.ServiceId}/ownerindex/{tenant}/*").Select(k => k.ToString()).Order().ToList();
        Assert.Equal(["owners", "page-0", "page-1", "page-2"], keys.Select(k => k[(k.LastIndexOf('/') + 1)..]));
        using var open = System.Text.Json.JsonDocument.Parse((string)(await database.HashGetAsync(keys[0], "data"))!);
        Assert.Equal(500, open.RootElement.GetProperty("entries").GetArrayLength()); // 2 500 − two full pages of our own
        Assert.Equal(3, open.RootElement.GetProperty("sealedPages").GetInt32());

        // Kept for the history's idle TTL (168 h) and a day after its last write, not for good as keys are.
        foreach (var written in new[] { keys[0], keys[2], keys[3] })
        {
            Assert.InRange((await database.KeyTimeToLiveAsync(written))!.Value, TimeSpan.FromHours(191), TimeSpan.FromHours(192));
        }
    }

    /// <summary>
    /// A store keeps a turn for the idle TTL from its last use, and offboarding walks only that many days of indexes:
    /// a turn of a conversation still used on a later day is indexed again under that day, and a turn the store no
    /// longer holds but the cache still serves is deleted from the cache too.
    /// </summary>
    [Fact]
    public async Task ATurnUsedOnALaterDay_IsIndexedUnderThatDay_AndADeleteReachesACachedCopy()
    {
        var tenant = "used" + Guid.NewGuid().ToString("N")[..8];
        var owner = tenant + "/alice";
        var conversation = ResponseIds.NewConversationId();
        var (first, second) = (ResponseIds.NewResponseId(conversation), ResponseIds.NewResponseId(conversation));
        await using (var cluster = await StartClusterAsync())
        {
            var grain = cluster.Client.GetGrain<IConversationGrain>(conversation);
            await grain.RecordAsync(Turn(first, null, owner, "created long ago")); // CreatedAt 1970-01-01
            await grain.RecordAsync(Turn(second, first, owner, "and then"));
        }

        await using var restarted = await StartClusterAsync();
        var again = restarted.Client.GetGrain<IConversationGrain>(conversation);
        Assert.Equal([first, second], (await again.GetChainAsync(owner, second))!.Turns.Select(t => t.ResponseId));
        var today = $"{tenant}/{DateTimeOffset.UtcNow:yyyy-MM-dd}";
        Assert.True(await IndexedOnAsync(restarted, today, $"{owner} {first}"), "A turn used today is not in today's offboarding index.");
        Assert.True(await IndexedOnAsync(restarted, today, $"{owner} {second}"), "A turn used today is not in today's offboarding index.");

        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var stored = server.Keys(pattern: $"codexrelay/conversation/{conversation}/turn-{first}").Single();
        await connection.GetDatabase().KeyDeleteAsync(stored); // the store let it go; the cache still holds it
        Assert.NotNull(await again.GetTurnAsync(owner, first));
        Assert.False(await again.DeleteAsync(tenant + "/bob", first));
        Assert.True(await again.DeleteAsync(owner, first));
        Assert.Null(await again.GetTurnAsync(owner, first));
    }

    /// <summary>Offboarding on a gateway walks the days of the silos' TTL, which the gateway's configuration need not hold.</summary>
    [Fact]
    public async Task TheClusterTellsItsHistoryTtl()
    {
        await using var cluster = await StartClusterAsync(new() { ["CodexRelay:History:SessionTtlHours"] = "720" });

        Assert.Equal(TimeSpan.FromDays(30), await cluster.Client.GetGrain<IHistoryRetentionGrain>(0).GetSessionTtlAsync());
    }

    /// <summary>The index is written one-way after the record: waits a little for it.</summary>
    private static Task<bool> IndexedAsync(InProcessTestCluster cluster, string tenant, string entry) =>
        IndexedOnAsync(cluster, $"{tenant}/{DateTimeOffset.FromUnixTimeSeconds(1):yyyy-MM-dd}", entry);

    /// <summary>Whether <paramref name="entry"/> is in the day index <c>{tenant}/{yyyy-MM-dd}</c>.</summary>
    private static async Task<bool> IndexedOnAsync(InProcessTestCluster cluster, string tenantDay, string entry)
    {
        var index = cluster.Client.GetGrain<CodexRelay.Contracts.Tenancy.IOwnerIndexGrain>(tenantDay);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if ((await index.ListPageAsync(0)).Contains(entry))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<int> ConversationActivationsAsync(InProcessTestCluster cluster) =>
        (await cluster.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains("ConversationGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);

    [Fact]
    public async Task AChainWalk_StopsAtACycle_AndAtTheTurnCap()
    {
        var conversation = ResponseIds.NewConversationId();
        var (a, b) = (ResponseIds.NewResponseId(conversation), ResponseIds.NewResponseId(conversation));
        await using var cluster = await StartClusterAsync(new() { ["CodexRelay:History:MaxChainTurns"] = "3" });

        // A store edited by hand (or a forged record) can make two turns each other's predecessor.
        var storage = new Grains.Storage.Redis.RedisGrainStorage(Grains.Hosting.ClusterSettings.ServiceId, await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString), TimeSpan.FromHours(1));
        var grainId = GrainId.Create("conversation", conversation);
        await storage.WriteStateAsync("turn-" + a, grainId, new GrainState<Grains.History.TurnRecord>(new() { Turn = Turn(a, b, "default", "a") }));
        await storage.WriteStateAsync("turn-" + b, grainId, new GrainState<Grains.History.TurnRecord>(new() { Turn = Turn(b, a, "default", "b") }));
        var grain = cluster.Client.GetGrain<IConversationGrain>(conversation);

        Assert.Null(await grain.GetChainAsync("default", a).WaitAsync(TimeSpan.FromSeconds(20)));

        var other = ResponseIds.NewConversationId();
        var longGrain = cluster.Client.GetGrain<IConversationGrain>(other);
        string? previous = null;
        for (var i = 0; i < 4; i++)
        {
            var id = ResponseIds.NewResponseId(other);
            await longGrain.RecordAsync(Turn(id, previous, "default", $"turn {i}"));
            previous = id;
        }

        var refused = await longGrain.GetChainAsync("default", previous!);
        Assert.NotNull(refused);
        Assert.Empty(refused.Turns);
        Assert.Contains("MaxChainTurns", refused.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrainMethods_RefuseIdsOfAnotherConversation_AndBadOwners()
    {
        var conversation = ResponseIds.NewConversationId();
        var foreign = ResponseIds.NewResponseId(ResponseIds.NewConversationId());
        var id = ResponseIds.NewResponseId(conversation);
        await using var cluster = await StartClusterAsync(new() { ["CodexRelay:History:MaxTurnBytes"] = "100000" });
        var grain = cluster.Client.GetGrain<IConversationGrain>(conversation);

        await Assert.ThrowsAsync<ArgumentException>(() => grain.RecordAsync(Turn(foreign, null, "default", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => grain.RecordAsync(Turn(id, foreign, "default", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => grain.RecordAsync(Turn(id, null, "", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => grain.RecordAsync(Turn(id, null, new string('o', 10_000), "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => grain.RecordAsync(Turn(id, null, "default", new string('x', 100_000))));
        Assert.Null(await grain.GetTurnAsync("default", "../../etc/passwd"));
        Assert.Null(await grain.GetChainAsync("default", foreign));
        Assert.False(await grain.DeleteAsync("default", foreign));
    }

    private async Task<InProcessTestCluster> StartClusterAsync(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["CodexRelay:History:Store"] = "redis",
            ["CodexRelay:Redis"] = redis.ConnectionString,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddHistoryStorage(configuration));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static StoredTurn Turn(string id, string? previous, string owner, string text) => new()
    {
        ResponseId = id,
        PreviousResponseId = previous,
        Owner = owner,
        InputItemsJson = $"[{{\"role\":\"user\",\"content\":\"{text}\"}}]",
        ResponseJson = $"{{\"id\":\"{id}\",\"output\":[{{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{{\"type\":\"output_text\",\"text\":\"echo {text}\"}}]}}]}}",
        CreatedAt = 1,
    };
}
