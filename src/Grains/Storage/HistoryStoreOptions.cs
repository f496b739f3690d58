namespace CodexRelay.Grains.Storage;

/// <summary>Section <c>CodexRelay:History</c>: where the ResponseHistory is kept and for how long.</summary>
public sealed class HistoryStoreOptions
{
    public const string SectionName = "CodexRelay:History";

    /// <summary><c>memory</c>, <c>disk</c>, <c>redis</c> or <c>blob</c> (<c>CODEX_RELAY_HISTORY_STORE</c>).</summary>
    public string Store { get; set; } = "memory";

    /// <summary>Disk store folder (<c>CODEX_RELAY_HISTORY_DIR</c>).</summary>
    public string Directory { get; set; } = ".codex-relay-history";

    /// <summary>Blob store connection string (<c>CODEX_RELAY_BLOB_CONNECTION</c>); a secret, never logged.</summary>
    public string? BlobConnection { get; set; }

    public string BlobContainer { get; set; } = "codexrelay-history";

    /// <summary>Idle time after which a record is removed by the store itself (<c>CODEX_RELAY_SESSION_TTL_HOURS</c>).</summary>
    public double SessionTtlHours { get; set; } = 168;

    /// <summary>Conversations whose turns a silo keeps in memory (<c>CODEX_RELAY_MAX_SESSIONS</c>).</summary>
    public int MaxSessions { get; set; } = 256;

    /// <summary>Bytes of turn records a silo keeps in memory, in MiB (<c>CODEX_RELAY_MAX_SESSION_MEMORY_MB</c>).</summary>
    public int MaxSessionMemoryMb { get; set; } = 512;

    /// <summary>Most turns one chain walk loads; a longer conversation is refused, not loaded.</summary>
    public int MaxChainTurns { get; set; } = 10_000;

    /// <summary>Largest turn (input items + response, counted as UTF-16 bytes) a grain stores.</summary>
    public long MaxTurnBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest chain one walk loads (UTF-16 bytes); a larger conversation is refused, not loaded.</summary>
    public long MaxConversationBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Most turn records the memory store keeps; the least recently used go first.</summary>
    public int MemoryMaxRecords { get; set; } = 100_000;

    /// <summary>How often the disk and blob stores sweep out expired records.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan SessionTtl => TimeSpan.FromHours(SessionTtlHours);

    /// <summary>What is wrong with these settings, each naming its key; empty when they can run.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (SessionTtlHours <= 0)
        {
            problems.Add($"CodexRelay:History:SessionTtlHours (CODEX_RELAY_SESSION_TTL_HOURS) must be greater than zero; got {SessionTtlHours}.");
        }

        if (MaxSessions <= 0)
        {
            problems.Add($"CodexRelay:History:MaxSessions (CODEX_RELAY_MAX_SESSIONS) must be greater than zero; got {MaxSessions}.");
        }

        if (MaxSessionMemoryMb <= 0)
        {
            problems.Add($"CodexRelay:History:MaxSessionMemoryMb (CODEX_RELAY_MAX_SESSION_MEMORY_MB) must be greater than zero; got {MaxSessionMemoryMb}.");
        }

        if (MaxChainTurns <= 0 || MaxTurnBytes <= 0 || MaxConversationBytes <= 0 || MemoryMaxRecords <= 0)
        {
            problems.Add("CodexRelay:History:MaxChainTurns, MaxTurnBytes, MaxConversationBytes and MemoryMaxRecords must be greater than zero.");
        }

        if (Store.Trim().ToLowerInvariant() is not ("memory" or "disk" or "redis" or "blob"))
        {
            problems.Add($"CodexRelay:History:Store (CODEX_RELAY_HISTORY_STORE) must be memory, disk, redis or blob; got '{Store}'.");
        }

        return problems;
    }
}
