using CodexRelay.Contracts.History;
using CodexRelay.Contracts.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CodexRelay.Grains.History;

/// <summary>
/// Keeps the turns of one conversation. Each turn is its own storage record (state name
/// <c>turn-{responseId}</c>), so a turn writes only what it adds; the chain is rebuilt inside the
/// grain by following <see cref="StoredTurn.PreviousResponseId"/>, never by calling other grains.
/// </summary>
internal sealed class ConversationGrain(
    [FromKeyedServices(HistoryStorage.Name)] IGrainStorage storage, TurnCache cache) : Grain, IConversationGrain
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

    public async Task RecordAsync(StoredTurn turn)
    {
        var state = new GrainState<TurnRecord>(new TurnRecord { Turn = turn });
        await storage.WriteStateAsync(StateName(turn.ResponseId), Id, state);
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
        var chain = new List<StoredTurn>();
        for (string? id = responseId; id is not null;)
        {
            var turn = await LoadAsync(id);
            if (turn is null || !string.Equals(turn.Owner, owner, StringComparison.Ordinal))
            {
                return null;
            }

            chain.Add(turn);
            id = turn.PreviousResponseId;
        }

        chain.Reverse();
        return new ConversationChain(chain);
    }

    public async Task<StoredTurn?> GetTurnAsync(string owner, string responseId)
    {
        var turn = await LoadAsync(responseId);
        return turn is not null && string.Equals(turn.Owner, owner, StringComparison.Ordinal) ? turn : null;
    }

    public async Task<bool> DeleteAsync(string owner, string responseId)
    {
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
