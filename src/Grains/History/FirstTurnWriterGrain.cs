using CodexRelay.Contracts;
using CodexRelay.Contracts.History;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;

namespace CodexRelay.Grains.History;

/// <summary>
/// Stores the first turn of a new conversation without activating the conversation's grain: every response without
/// <c>previous_response_id</c> starts a conversation, and an activation (catalog, directory registration, later
/// deactivation) per stored response cost more than the write (docs/performance.md). A local stateless worker writes
/// the record under the conversation's grain id with the same checks; the conversation grain reads it from storage
/// when the conversation goes on. Nothing is cached here, so a delete through the conversation grain finds no stale copy.
/// </summary>
[StatelessWorker]
internal sealed class FirstTurnWriterGrain(
    [FromKeyedServices(HistoryStorage.Name)] IGrainStorage storage, HistoryLimits limits) : Grain, IFirstTurnWriterGrain
{
    public async Task RecordAsync(StoredTurn turn)
    {
        if (turn.PreviousResponseId is not null || !ResponseIds.TryGetConversationId(turn.ResponseId, out var conversation))
        {
            throw new ArgumentException("Only the first turn of a conversation is written here; a later turn goes to its conversation.", nameof(turn));
        }

        TurnWrite.Check(turn, conversation, limits);
        await TurnWrite.WriteAsync(storage, GrainFactory.Id<IConversationGrain>(conversation), turn);
        TurnWrite.IndexOwner(GrainFactory, turn);
    }
}
