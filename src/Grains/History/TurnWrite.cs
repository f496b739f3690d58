using CodexRelay.Contracts;
using CodexRelay.Contracts.History;
using CodexRelay.Contracts.Tenancy;
using CodexRelay.Grains.Tenancy;
using Orleans.Storage;

namespace CodexRelay.Grains.History;

/// <summary>
/// Writing one turn's record (state name <c>turn-{responseId}</c> of its conversation's grain id), shared by the
/// conversation grain and <see cref="FirstTurnWriterGrain"/>: the checks of the ids, owner and size it is given, an
/// idempotent insert (a retry of a write that landed finds the same turn and succeeds; only a different turn under
/// the same id is a conflict), and the tenant's offboarding index.
/// </summary>
internal static class TurnWrite
{
    /// <summary>Throws <see cref="ArgumentException"/> (a client error, not an outage) when the turn is not one of <paramref name="conversationId"/>'s.</summary>
    public static void Check(StoredTurn turn, string conversationId, HistoryLimits limits)
    {
        if (!IsOf(conversationId, turn.ResponseId))
        {
            throw new ArgumentException("The response id is not a response id of this conversation.", nameof(turn));
        }

        if (turn.PreviousResponseId is { } previous && (!IsOf(conversationId, previous) || previous == turn.ResponseId))
        {
            throw new ArgumentException("The previous response id is not an earlier response id of this conversation.", nameof(turn));
        }

        if (!IsOwner(turn.Owner))
        {
            throw new ArgumentException($"The owner must be 1 to {HistoryLimits.MaxOwnerLength} printable characters.", nameof(turn));
        }

        if (Size(turn) > limits.MaxTurnBytes)
        {
            throw new ArgumentException($"The turn is larger than {limits.MaxTurnBytes} bytes (CodexRelay:History:MaxTurnBytes).", nameof(turn));
        }
    }

    public static async Task WriteAsync(IGrainStorage storage, GrainId conversation, StoredTurn turn)
    {
        var state = new GrainState<TurnRecord>(new TurnRecord { Turn = turn });
        try
        {
            await storage.WriteStateAsync(StateName(turn.ResponseId), conversation, state);
        }
        catch (InconsistentStateException)
        {
            var stored = new GrainState<TurnRecord>(new TurnRecord());
            await storage.ReadStateAsync(StateName(turn.ResponseId), conversation, stored);
            if (stored.State?.Turn != turn)
            {
                throw;
            }
        }
    }

    /// <summary>A tenant's turns are indexed for offboarding under the day they were created; one-way, so the record waits for none of it.</summary>
    public static void IndexOwner(IGrainFactory grains, StoredTurn turn) => IndexOwner(grains, turn, UnixDay(turn.CreatedAt));

    /// <summary>
    /// Indexes a tenant's turn under <paramref name="unixDay"/> (days since 1970-01-01, UTC). A turn used on a later
    /// day than it was created is indexed again under that day: its store keeps it for the idle TTL from its last use,
    /// and offboarding walks only the days within that TTL.
    /// </summary>
    public static void IndexOwner(IGrainFactory grains, StoredTurn turn, long unixDay)
    {
        if (TenantLength(turn.Owner) is > 0 and var slash)
        {
            var day = DailyTokens.DayOf(DateTimeOffset.FromUnixTimeSeconds(unixDay * 86_400));
            _ = grains.Reference<IOwnerIndexGrain>($"{turn.Owner[..slash]}/{day}").AddAsync(turn.Owner, turn.ResponseId);
        }
    }

    /// <summary>The length of a keyed owner's tenant (<c>{tenant}/{user}</c>); not positive for the keyless <c>default</c>, which has no index.</summary>
    public static int TenantLength(string owner) => owner.IndexOf('/', StringComparison.Ordinal);

    public static long UnixDay(long unixSeconds) => Math.DivRem(unixSeconds, 86_400, out var rest) - (rest < 0 ? 1 : 0);

    public static string StateName(string responseId) => "turn-" + responseId;

    /// <summary>What a turn weighs against the caps: its JSON as UTF-16.</summary>
    public static long Size(StoredTurn turn) => 2L * (turn.InputItemsJson.Length + turn.ResponseJson.Length);

    public static bool IsOf(string conversationId, string? responseId) =>
        ResponseIds.TryGetConversationId(responseId, out var conversation) && string.Equals(conversation, conversationId, StringComparison.Ordinal);

    public static bool IsOwner(string? owner) =>
        !string.IsNullOrEmpty(owner) && owner.Length <= HistoryLimits.MaxOwnerLength && !owner.Any(char.IsControl);
}
