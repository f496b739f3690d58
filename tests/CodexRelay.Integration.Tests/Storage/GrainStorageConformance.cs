using CodexRelay.Contracts.History;
using CodexRelay.Grains.History;
using Orleans.Storage;

namespace CodexRelay.Integration.Tests.Storage;

/// <summary>One conformance suite, run against every store: the same contract for memory-less stores on real servers.</summary>
public abstract class GrainStorageConformance
{
    private static readonly GrainId Grain = GrainId.Create("conversation", Guid.NewGuid().ToString("N"));

    /// <summary>A store whose records expire after <paramref name="ttl"/> of idleness.</summary>
    protected abstract IGrainStorage CreateStorage(TimeSpan ttl);

    /// <summary>Lets the store's own expiry run as if <paramref name="ttl"/> had passed.</summary>
    protected abstract Task ExpireAsync(TimeSpan ttl);

    /// <summary>False for the memory store, which lives only as long as its silo.</summary>
    protected virtual bool Expires => true;

    [Fact]
    public async Task Write_ThenRead_RoundTripsAndTracksTheETag()
    {
        var storage = CreateStorage(TimeSpan.FromHours(1));
        var written = State(Turn("resp_a", "hello"));

        await storage.WriteStateAsync(Name(), Grain, written);
        var read = Empty();
        await storage.ReadStateAsync(LastName, Grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(written.State!.Turn, read.State!.Turn);
    }

    [Fact]
    public async Task Read_Missing_IsEmpty()
    {
        var read = Empty();

        await CreateStorage(TimeSpan.FromHours(1)).ReadStateAsync(Name(), Grain, read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Null(read.State!.Turn);
    }

    [Fact]
    public async Task ConditionalUpdate_WithCurrentETag_Succeeds_WithStaleETag_Conflicts()
    {
        var storage = CreateStorage(TimeSpan.FromHours(1));
        var first = State(Turn("resp_b", "v1"));
        await storage.WriteStateAsync(Name(), Grain, first);
        var stale = State(Turn("resp_b", "stale"), first.ETag);

        first.State!.Turn = Turn("resp_b", "v2");
        await storage.WriteStateAsync(LastName, Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(LastName, Grain, stale));
        var read = Empty();
        await storage.ReadStateAsync(LastName, Grain, read);
        Assert.Contains("v2", read.State!.Turn!.ResponseJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenTheRecordExists_Conflicts()
    {
        var storage = CreateStorage(TimeSpan.FromHours(1));
        await storage.WriteStateAsync(Name(), Grain, State(Turn("resp_c", "one")));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(LastName, Grain, State(Turn("resp_c", "two"))));
    }

    [Fact]
    public async Task Clear_RemovesTheRecord_StaleClearConflicts()
    {
        var storage = CreateStorage(TimeSpan.FromHours(1));
        var state = State(Turn("resp_d", "x"));
        await storage.WriteStateAsync(Name(), Grain, state);
        var stale = State(Turn("resp_d", "x"), "not-the-etag");

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(LastName, Grain, stale));
        await storage.ClearStateAsync(LastName, Grain, state);

        var read = Empty();
        await storage.ReadStateAsync(LastName, Grain, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task LargeRecord_OfOneMegabyte_RoundTrips()
    {
        var storage = CreateStorage(TimeSpan.FromHours(1));
        var big = Turn("resp_e", new string('x', 1024 * 1024));

        await storage.WriteStateAsync(Name(), Grain, State(big));
        var read = Empty();
        await storage.ReadStateAsync(LastName, Grain, read);

        Assert.Equal(big.ResponseJson.Length, read.State!.Turn!.ResponseJson.Length);
    }

    [Theory]
    [InlineData("../../escape")]
    [InlineData("..")]
    [InlineData("turn-a/../../b")]
    [InlineData("turn-a\\..\\b")]
    [InlineData("")]
    public async Task AStateNameThatIsNotOnePlainSegment_IsRefused(string stateName)
    {
        var storage = CreateStorage(TimeSpan.FromHours(1));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => storage.WriteStateAsync(stateName, Grain, State(Turn("resp_g", "x"))));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => storage.ReadStateAsync(stateName, Grain, Empty()));
    }

    [Fact]
    public async Task IdleRecords_ExpireInStoresWithATtl_AndStayInMemory()
    {
        var ttl = TimeSpan.FromSeconds(1);
        var storage = CreateStorage(ttl);
        await storage.WriteStateAsync(Name(), Grain, State(Turn("resp_f", "short-lived")));

        await ExpireAsync(ttl);

        var read = Empty();
        await storage.ReadStateAsync(LastName, Grain, read);
        Assert.Equal(!Expires, read.RecordExists);
    }

    private string LastName { get; set; } = "";

    private string Name() => LastName = "turn-" + Guid.NewGuid().ToString("N");

    private static StoredTurn Turn(string id, string text) => new()
    {
        ResponseId = id,
        Owner = "default",
        InputItemsJson = "[]",
        ResponseJson = "{\"text\":\"" + text + "\"}",
        CreatedAt = 1,
    };

    private static GrainState<TurnRecord> State(StoredTurn turn, string? etag = null) => new(new TurnRecord { Turn = turn }, etag);

    private static GrainState<TurnRecord> Empty() => new(new TurnRecord());
}
