using CodexRelay.Contracts.History;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CodexRelay.Grains.History;

/// <summary>
/// Keeps the turns of one conversation. Each turn is its own storage record (state name
/// <c>turn-{responseId}</c>, <see cref="TurnWrite"/>), so a turn writes only what it adds; the first turn is written
/// by <see cref="FirstTurnWriterGrain"/> without activating this grain; the chain is rebuilt inside the
/// grain by following <see cref="StoredTurn.PreviousResponseId"/>, never by calling other grains. Every
/// method checks the shape of the ids and owner it is given, and a chain walk is bounded by <see cref="HistoryLimits"/>.
/// </summary>
internal sealed class ConversationGrain(
    [FromKeyedServices(HistoryStorage.Name)] IGrainStorage storage, TurnCache cache, HistoryLimits limits, TimeProvider time) : Grain, IConversationGrain
{
    private readonly UsedTurnIndex _used = new(time);
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

    /// <summary>Idempotent (<see cref="TurnWrite.WriteAsync"/>); a later turn of the conversation, or a first one recorded here.</summary>
    public async Task RecordAsync(StoredTurn turn)
    {
        TurnWrite.Check(turn, ConversationId, limits);
        await TurnWrite.WriteAsync(storage, Id, turn);
        cache.Put(ConversationId, turn);
        TurnWrite.IndexOwner(GrainFactory, turn);
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

            bytes += TurnWrite.Size(turn);
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

        // A turn the store no longer holds may still be served from the cache until its refresh (the memory store
        // drops its least recently used records past its cap): the cached copy is deleted as well.
        var state = new GrainState<TurnRecord>(new TurnRecord());
        await storage.ReadStateAsync(TurnWrite.StateName(responseId), Id, state);
        var stored = state.State?.Turn;
        var turn = stored ?? (cache.TryGet(ConversationId, responseId, out var cached) ? cached : null);
        if (turn is null || !string.Equals(turn.Owner, owner, StringComparison.Ordinal))
        {
            return false;
        }

        if (stored is not null)
        {
            await storage.ClearStateAsync(TurnWrite.StateName(responseId), Id, state);
        }

        cache.Remove(ConversationId, responseId);
        return true;
    }

    private GrainId Id => GrainContext.GrainId;

    private static ConversationChain Refused(string reason) => new([]) { Refusal = reason };

    private bool IsOurs(string? responseId) => TurnWrite.IsOf(ConversationId, responseId);

    private static bool IsOwner(string? owner) => TurnWrite.IsOwner(owner);

    private async Task<StoredTurn?> LoadAsync(string responseId)
    {
        if (!cache.TryGet(ConversationId, responseId, out var turn))
        {
            var state = new GrainState<TurnRecord>(new TurnRecord());
            await storage.ReadStateAsync(TurnWrite.StateName(responseId), Id, state);
            if (state.State?.Turn is not { } stored)
            {
                return null;
            }

            turn = stored;
            cache.Put(ConversationId, turn);
        }

        if (_used.DayToIndex(turn) is { } day)
        {
            TurnWrite.IndexOwner(GrainFactory, turn, day);
        }

        return turn;
    }
}
