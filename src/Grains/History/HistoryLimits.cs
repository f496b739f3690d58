namespace CodexRelay.Grains.History;

/// <summary>
/// What one conversation grain call may cost: the turns and bytes a chain walk loads, the bytes one turn stores.
/// A chain past either cap is refused (the client starts a new conversation), never loaded whole.
/// </summary>
public sealed record HistoryLimits(int MaxChainTurns, long MaxTurnBytes, long MaxConversationBytes)
{
    public static HistoryLimits Default { get; } = new(10_000, 64L * 1024 * 1024, 512L * 1024 * 1024);

    /// <summary>Longest owner the grain accepts: a tenant and a user name, not a document.</summary>
    public const int MaxOwnerLength = 512;
}
