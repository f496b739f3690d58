using Azure.Storage.Blobs;
using CodexRelay.Grains.History;
using CodexRelay.Grains.Observability;
using CodexRelay.Grains.Storage;
using CodexRelay.Grains.Storage.Blob;
using CodexRelay.Grains.Storage.Disk;
using CodexRelay.Grains.Storage.Memory;
using CodexRelay.Grains.Storage.Redis;
using CodexRelay.Grains.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using StackExchange.Redis;

namespace CodexRelay.Grains.Hosting;

/// <summary>Chooses the grain storage behind the ResponseHistory (<c>CODEX_RELAY_HISTORY_STORE</c>) and its retention.</summary>
public static class HistoryStorageSetup
{
    private const string MemoryInner = "history-memory-unbounded";
    private const string TenancyMemoryInner = "tenancy-memory";

    public static ISiloBuilder AddHistoryStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = new HistoryStoreOptions();
        configuration.GetSection(HistoryStoreOptions.SectionName).Bind(options);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(HistoryStoreOptions.SectionName, typeof(HistoryStoreOptions), problems);
        }

        var serviceId = ClusterSettings.ServiceId;
        var store = options.Store.Trim().ToLowerInvariant();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton(new TenancyDurability(store != "memory"));
        silo.Services.AddSingleton(new HistoryLimits(options.MaxChainTurns, options.MaxTurnBytes, options.MaxConversationBytes));
        silo.Services.AddSingleton(new HistoryRetention(options.SessionTtl));

        // Every store, the memory store too, forgets a record idle for the TTL, and the cache serves turns without
        // touching the store: a turn cached for half the TTL is read from the store again, which renews it there.
        silo.Services.AddSingleton(services =>
        {
            var cache = new TurnCache(options.MaxSessions, options.MaxSessionMemoryMb * 1024L * 1024L, options.SessionTtl / 2, services.GetRequiredService<TimeProvider>());
            SiloMetrics.Observe(cache);
            return cache;
        });
        var indexRetention = OwnerIndexStorage.Retention(options.SessionTtl);
        switch (store)
        {
            case "memory":
                var alone = ClusterSettings.From(configuration).Mode == ClusterModes.Embedded;
                AddMemoryStore(silo, MemoryInner, alone);
                silo.Services.AddGrainStorage(HistoryStorage.Name, (services, _) => new BoundedMemoryStorage(
                    services.GetRequiredKeyedService<IGrainStorage>(MemoryInner), options.MemoryMaxRecords, options.SessionTtl, services.GetRequiredService<TimeProvider>()).Metered(HistoryStorage.Name));
                AddMemoryStore(silo, TenancyMemoryInner, alone);
                silo.Services.AddGrainStorage(TenancyStorage.Name, (services, _) => services.GetRequiredKeyedService<IGrainStorage>(TenancyMemoryInner).Metered(TenancyStorage.Name));
                silo.Services.AddGrainStorage(OwnerIndexStorage.Name, (services, _) => new BoundedMemoryStorage(
                    services.GetRequiredKeyedService<IGrainStorage>(TenancyMemoryInner), options.MemoryMaxRecords, indexRetention, services.GetRequiredService<TimeProvider>()).Metered(OwnerIndexStorage.Name));
                break;
            case "disk":
                var disk = new DiskGrainStorage(serviceId, options.Directory);
                var tenancyDisk = new DiskGrainStorage(TenancyStorage.ServiceId, options.Directory);
                silo.Services.AddGrainStorage(HistoryStorage.Name, (_, _) => disk.Metered(HistoryStorage.Name));
                silo.Services.AddGrainStorage(TenancyStorage.Name, (_, _) => tenancyDisk.Metered(TenancyStorage.Name));
                silo.Services.AddGrainStorage(OwnerIndexStorage.Name, (_, _) => tenancyDisk.Metered(OwnerIndexStorage.Name));
                silo.Services.AddHostedService(services => new RetentionSweep("disk", options.SweepInterval, () => Task.FromResult(disk.Sweep(options.SessionTtl, DateTime.UtcNow)), services.GetRequiredService<ILogger<RetentionSweep>>()));
                silo.Services.AddHostedService(services => new RetentionSweep("disk owner index", options.SweepInterval, () => Task.FromResult(tenancyDisk.Sweep(indexRetention, DateTime.UtcNow, OwnerIndexStorage.GrainType)), services.GetRequiredService<ILogger<RetentionSweep>>()));
                break;
            case "redis":
                var redis = ConnectionMultiplexer.Connect(StorageRedisOptions(SiloSetup.RequireRedis(configuration)));
                silo.Services.AddGrainStorage(HistoryStorage.Name, (_, _) => new RedisGrainStorage(serviceId, redis, options.SessionTtl).Metered(HistoryStorage.Name));
                silo.Services.AddGrainStorage(TenancyStorage.Name, (_, _) => new RedisGrainStorage(TenancyStorage.ServiceId, redis, Timeout.InfiniteTimeSpan).Metered(TenancyStorage.Name));
                silo.Services.AddGrainStorage(OwnerIndexStorage.Name, (_, _) => new RedisGrainStorage(TenancyStorage.ServiceId, redis, indexRetention).Metered(OwnerIndexStorage.Name));
                break;
            case "blob":
                var connection = options.BlobConnection ?? throw new InvalidOperationException("CODEX_RELAY_BLOB_CONNECTION is required for the blob history store.");
                var container = new BlobContainerClient(connection, options.BlobContainer);
                silo.Services.AddGrainStorage(HistoryStorage.Name, (_, _) => new BlobGrainStorage(serviceId, container, options.SessionTtl / 4).Metered(HistoryStorage.Name));
                silo.Services.AddGrainStorage(TenancyStorage.Name, (_, _) => new BlobGrainStorage(TenancyStorage.ServiceId, container, options.SessionTtl / 4).Metered(TenancyStorage.Name));
                silo.Services.AddGrainStorage(OwnerIndexStorage.Name, (_, _) => new BlobGrainStorage(TenancyStorage.ServiceId, container, options.SessionTtl / 4).Metered(OwnerIndexStorage.Name));
                silo.Services.AddHostedService(services => new RetentionSweep("blob", options.SweepInterval, () => BlobSweeper.SweepAsync(container, serviceId, options.SessionTtl, DateTimeOffset.UtcNow, CancellationToken.None), services.GetRequiredService<ILogger<RetentionSweep>>()));
                silo.Services.AddHostedService(services => new RetentionSweep("blob owner index", options.SweepInterval, () => BlobSweeper.SweepAsync(container, $"{TenancyStorage.ServiceId}/{OwnerIndexStorage.GrainType}", indexRetention, DateTimeOffset.UtcNow, CancellationToken.None), services.GetRequiredService<ILogger<RetentionSweep>>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown history store '{options.Store}'. Use memory, disk, redis or blob.");
        }

        return silo;
    }

    /// <summary>
    /// The embedded silo is alone in its cluster: its records stay in the process (<see cref="InProcessGrainStorage"/>).
    /// Several silos share Orleans' memory storage grains, with the Orleans binary codec: its default serializer
    /// (Newtonsoft JSON) escapes the turn's JSON strings a second time (docs/performance.md).
    /// </summary>
    private static void AddMemoryStore(ISiloBuilder silo, string name, bool embedded)
    {
        if (embedded)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) => new InProcessGrainStorage(services.GetRequiredService<Orleans.Serialization.DeepCopier>()));
            return;
        }

        silo.AddMemoryGrainStorage(name);
        silo.Services.AddOptions<Orleans.Configuration.MemoryGrainStorageOptions>(name)
            .Configure<Orleans.Serialization.Serializer>((memory, serializer) => memory.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
    }

    private static MeteredGrainStorage Metered(this IGrainStorage storage, string store) => new(storage, store);

    /// <summary>
    /// The storage's Redis connection. Replies are read on the thread pool instead of the library's dedicated reader
    /// threads: the silo is async end to end, and each reply then reaches its grain with one thread hand-off fewer —
    /// store true − false on the Redis cluster about 0.1 ms lower in an A/B (docs/performance.md). The dedicated
    /// threads protect apps that block pool threads, which nothing in the silo does.
    /// </summary>
    internal static ConfigurationOptions StorageRedisOptions(string connection)
    {
        var options = ConfigurationOptions.Parse(connection);
        options.SocketManager = SocketManager.ThreadPool;
        return options;
    }
}
