using System.Text.Json;
using CodexRelay.Contracts.History;

namespace CodexRelay.Gateway.History;

/// <summary>The gateway's only door to the ResponseHistory grains. One grain call per operation.</summary>
internal sealed class ResponseHistoryClient(IGrainFactory grains)
{
    /// <summary>The owner of records until client authentication exists.</summary>
    public const string DefaultOwner = "default";

    /// <summary>The stored items (input then output of each turn) up to <paramref name="responseId"/>, or null when unknown.</summary>
    public async Task<List<JsonElement>?> LoadItemsAsync(string owner, string responseId)
    {
        if (!ResponseIds.TryGetConversationId(responseId, out var conversation))
        {
            return null;
        }

        var chain = await HistoryRetry.RunAsync(() => grains.GetGrain<IConversationGrain>(conversation).GetChainAsync(owner, responseId));
        if (chain is null)
        {
            return null;
        }

        var items = new List<JsonElement>();
        foreach (var turn in chain.Turns)
        {
            items.AddRange(StoredItems.Input(turn));
            items.AddRange(StoredItems.Output(turn));
        }

        return items;
    }

    public Task RecordAsync(StoredTurn turn)
    {
        ResponseIds.TryGetConversationId(turn.ResponseId, out var conversation);
        return HistoryRetry.RunAsync(async () =>
        {
            await grains.GetGrain<IConversationGrain>(conversation).RecordAsync(turn);
            return true;
        });
    }

    public async Task<StoredTurn?> GetAsync(string owner, string responseId) =>
        ResponseIds.TryGetConversationId(responseId, out var conversation)
            ? await HistoryRetry.RunAsync(() => grains.GetGrain<IConversationGrain>(conversation).GetTurnAsync(owner, responseId))
            : null;

    public async Task<bool> DeleteAsync(string owner, string responseId) =>
        ResponseIds.TryGetConversationId(responseId, out var conversation)
        && await HistoryRetry.RunAsync(() => grains.GetGrain<IConversationGrain>(conversation).DeleteAsync(owner, responseId));
}
