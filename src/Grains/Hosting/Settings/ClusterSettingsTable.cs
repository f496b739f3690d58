namespace CodexRelay.Grains.Hosting.Settings;

/// <summary>
/// The settings of a silo: how it joins the cluster and where it keeps history. A stand-alone silo reads them, and so
/// does a gateway, which co-hosts a silo in its embedded mode and needs the cluster settings as a client.
/// </summary>
public static class ClusterSettingsTable
{
    public static IReadOnlyList<RelaySetting> All { get; } =
    [
        RelaySetting.Named("clustering", "CodexRelay:Cluster:Mode", "mode", "embedded", "embedded (a gateway co-hosts its silo), localhost or redis."),
        RelaySetting.Named("silo-port", "CodexRelay:Cluster:SiloPort", "n", "11111 (embedded: a free port)", "Silo-to-silo port."),
        RelaySetting.Named("orleans-gateway-port", "CodexRelay:Cluster:GatewayPort", "n", "30000 (embedded: a free port)", "Orleans client gateway port of a silo."),
        RelaySetting.Named("cluster-id", "CodexRelay:Cluster:ClusterId", "id", "codexrelay", "Cluster id; clusters may share one Redis. The ServiceId is fixed, so stored keys never change."),
        RelaySetting.Named("advertised-ip", "CodexRelay:Cluster:AdvertisedIp", "ip", "127.0.0.1", "The address other silos and gateways reach this silo at (the pod IP on Kubernetes)."),
        RelaySetting.Named("probe-timeout-seconds", "CodexRelay:Cluster:ProbeTimeoutSeconds", "s", "1", "Membership probe timeout; raise it where pods may be CPU-throttled."),
        RelaySetting.Named("missed-probes-limit", "CodexRelay:Cluster:MissedProbesLimit", "n", "2", "Missed probes before a silo is suspected."),
        RelaySetting.Named("death-votes", "CodexRelay:Cluster:DeathVotes", "n", "1", "Suspicions needed to declare a silo dead."),
        RelaySetting.Named("cluster-tls-certificate", "CodexRelay:Cluster:TlsCertificate", "file", "(none: plain TCP)", "Certificate (.pfx/.p12, or PEM with its key) for TLS on every silo and gateway connection; give every process the same one."),
        new("CodexRelay:Cluster:TlsCertificatePassword", "(none)", "Password of a .pfx/.p12 cluster certificate; a secret.") { Variable = "CODEX_RELAY_CLUSTER_TLS_PASSWORD" },
        RelaySetting.Named("redis", "CodexRelay:Redis", "connection", "(none)", "StackExchange.Redis connection string for redis clustering and the redis history store; a secret."),
        RelaySetting.Named("history-store", "CodexRelay:History:Store", "store", "memory", "Where history lives: memory, disk, redis or blob."),
        RelaySetting.Named("history-dir", "CodexRelay:History:Directory", "path", ".codex-relay-history", "Folder of the disk history store."),
        RelaySetting.Named("blob-connection", "CodexRelay:History:BlobConnection", "connection", "(none)", "Azure Blob connection string of the blob history store; a secret."),
        RelaySetting.Named("blob-container", "CodexRelay:History:BlobContainer", "name", "codexrelay-history", "Container of the blob history store."),
        RelaySetting.Named("session-ttl-hours", "CodexRelay:History:SessionTtlHours", "n", "168", "Idle hours after which the store removes a stored response."),
        RelaySetting.Named("max-sessions", "CodexRelay:History:MaxSessions", "n", "256", "Conversations whose turns a silo keeps in memory."),
        RelaySetting.Named("max-session-memory-mb", "CodexRelay:History:MaxSessionMemoryMb", "n", "512", "MiB of turn records a silo keeps in memory."),
        new("CodexRelay:History:MemoryMaxRecords", "100000", "Turn records the memory store keeps per silo; the least recently used go first, and idle ones after the TTL."),
        new("CodexRelay:History:MaxChainTurns", "10000", "Most turns a continued conversation may have; longer is a 400 (start a new one)."),
        new("CodexRelay:History:MaxTurnBytes", "67108864", "Largest stored turn (input items and response, UTF-16 bytes)."),
        new("CodexRelay:History:MaxConversationBytes", "536870912", "Largest chain a continuation loads (UTF-16 bytes); larger is a 400."),
    ];
}
