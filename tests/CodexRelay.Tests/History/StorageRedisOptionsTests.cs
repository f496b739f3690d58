using CodexRelay.Grains.Hosting;
using StackExchange.Redis;

namespace CodexRelay.Tests.History;

/// <summary>The history store's Redis connection reads replies on the thread pool (one hand-off fewer per write) and keeps the operator's settings.</summary>
public sealed class StorageRedisOptionsTests
{
    [Fact]
    public void TheStorageConnection_ReadsRepliesOnTheThreadPool_WithTheGivenSettings()
    {
        var options = HistoryStorageSetup.StorageRedisOptions("redis-0.redis:6380,password=pw,ssl=true,abortConnect=false");

        Assert.Same(SocketManager.ThreadPool, options.SocketManager);
        Assert.Equal("redis-0.redis:6380", Assert.Single(options.EndPoints).ToString()?.Replace("Unspecified/", "", StringComparison.Ordinal));
        Assert.Equal("pw", options.Password);
        Assert.True(options.Ssl);
        Assert.False(options.AbortOnConnectFail);
    }
}
