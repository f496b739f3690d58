using CodexRelay.Contracts.History;
using CodexRelay.Contracts.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CodexRelay.Grains.History;

/// <summary>
/// Keeps the turns of one conversation. Each turn is its own storage record (state name
/// <c>turn-{responseId}</c>), so a turn writes only what it adds; the chain is rebuilt inside the
/// grain by following <see cref="StoredTurn.PreviousResponseId"/>, never by calling other grains. Every
/// method checks the shape of the ids and owner it is given, and a chain walk is bounded by <see cref="HistoryLimits"/>.
/// </summary>
internal sealed class ConversationGrain(
    [FromKeyedServices(HistoryStorage.Name)] IGrainStorage storage, TurnCache cache, HistoryLimits limits) : Grain, IConversationGrain
{
    private Action? _deactivate;

    private string ConversationId => this.GetPrimaryKeyString();

    /// <summary>The grain holds nothing of its own: once the cache drops its conversation, it goes too.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var context = GrainContext;
        _deactivate = () => context.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "The turn cache evicted the conversation."));
        cache.Attach(ConversationId, _deactivate);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        cache.Detach(ConversationId, _deactivate!);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Idempotent: a retry of a write that landed (the reply was lost) finds the same turn stored and succeeds;
    /// only a different turn under the same id is a conflict.
    /// </summary>
    public async Task RecordAsync(StoredTurn turn)
    {
        Check(turn);
        var state = new GrainState<TurnRecord>(new TurnRecord { Turn = turn });
        try
        {
            await storage.WriteStateAsync(StateName(turn.ResponseId), Id, state);
        }
        catch (InconsistentStateException)
        {
            var stored = new GrainState<TurnRecord>(new TurnRecord());
            await storage.ReadStateAsync(StateName(turn.ResponseId), Id, stored);
            if (stored.State?.Turn != turn)
            {
                throw;
            }
        }

        cache.Put(ConversationId, turn);
        if (turn.Owner.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash)
        {
            // A tenant's turns are indexed for offboarding; one-way, so the record waits for none of it.
            var day = DateTimeOffset.FromUnixTimeSeconds(turn.CreatedAt).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            _ = GrainFactory.GetGrain<IOwnerIndexGrain>($"{turn.Owner[..slash]}/{day}").AddAsync(turn.Owner, turn.ResponseId);
        }
    }

    public async Task<ConversationChain?> GetChainAsync(string owner, string responseId)
    {
        if (!IsOwner(owner) || !IsOurs(responseId))
        {
            return null;
        }

        var chain = new List<StoredTurn>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        for (string? id = responseId; id is not null;)
        {
            // A cycle can only come from a damaged or forged store; it is as unknown as a missing turn.
            if (!seen.Add(id) || !IsOurs(id))
            {
                return null;
            }

            if (chain.Count >= limits.MaxChainTurns)
            {
                return Refused($"The conversation is longer than {limits.MaxChainTurns} turns (CodexRelay:History:MaxChainTurns); start a new one.");
            }

            var turn = await LoadAsync(id);
            if (turn is null || !string.Equals(turn.Owner, owner, StringComparison.Ordinal))
            {
                return null;
            }

            bytes += Size(turn);
            if (bytes > limits.MaxConversationBytes)
            {
                return Refused($"The conversation is larger than {limits.MaxConversationBytes} bytes (CodexRelay:History:MaxConversationBytes); start a new one.");
            }

            chain.Add(turn);
            id = turn.PreviousResponseId;
        }

        chain.Reverse();
        return new ConversationChain(chain);
    }

    public async Task<StoredTurn?> GetTurnAsync(string owner, string responseId)
    {
        if (!IsOwner(owner) || !IsOurs(responseId))
        {
            return null;
        }

        var turn = await LoadAsync(responseId);
        return turn is not null && string.Equals(turn.Owner, owner, StringComparison.Ordinal) ? turn : null;
    }

    public async Task<bool> DeleteAsync(string owner, string responseId)
    {
        if (!IsOwner(owner) || !IsOurs(responseId))
        {
            return false;
        }

        var state = new GrainState<TurnRecord>(new TurnRecord());
        await storage.ReadStateAsync(StateName(responseId), Id, state);
        if (state.State?.Turn is not { } turn || !string.Equals(turn.Owner, owner, StringComparison.Ordinal))
        {
            return false;
        }

        await storage.ClearStateAsync(StateName(responseId), Id, state);
        cache.Remove(ConversationId, responseId);
        return true;
    }

    private GrainId Id => GrainContext.GrainId;

    private static ConversationChain Refused(string reason) => new([]) { Refusal = reason };

    private static long Size(StoredTurn turn) => 2L * (turn.InputItemsJson.Length + turn.ResponseJson.Length);

    private void Check(StoredTurn turn)
    {
        if (!IsOurs(turn.ResponseId))
        {
            throw new ArgumentException("The response id is not a response id of this conversation.", nameof(turn));
        }

        if (turn.PreviousResponseId is { } previous && (!IsOurs(previous) || previous == turn.ResponseId))
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

    private bool IsOurs(string? responseId) =>
        ResponseIds.TryGetConversationId(responseId, out var conversation) && string.Equals(conversation, ConversationId, StringComparison.Ordinal);

    private static bool IsOwner(string? owner) =>
        !string.IsNullOrEmpty(owner) && owner.Length <= HistoryLimits.MaxOwnerLength && !owner.Any(char.IsControl);

    private async Task<StoredTurn?> LoadAsync(string responseId)
    {
        if (cache.TryGet(ConversationId, responseId, out var cached))
        {
            return cached;
        }

        var state = new GrainState<TurnRecord>(new TurnRecord());
        await storage.ReadStateAsync(StateName(responseId), Id, state);
        if (state.State?.Turn is { } turn)
        {
            cache.Put(ConversationId, turn);
        }

        return state.State?.Turn;
    }

    private static string StateName(string responseId) => "turn-" + responseId;
}
