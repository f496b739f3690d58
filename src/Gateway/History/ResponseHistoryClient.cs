using System.Text.Json;
using CodexRelay.Contracts;
using CodexRelay.Contracts.History;
using CodexRelay.Contracts.Tenancy;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Telemetry;

namespace CodexRelay.Gateway.History;

/// <summary>
/// The gateway's only door to the ResponseHistory grains: one grain call per operation, retried across a
/// membership change, cancelled with the client. A history that cannot answer is a <see cref="FailureKind.HistoryUnavailable"/>
/// failure, never an exception; an unknown id is a null value.
/// </summary>
internal sealed class ResponseHistoryClient(IGrainFactory grains, ILogger<ResponseHistoryClient> logger)
{
    /// <summary>Deletions in flight at once while offboarding a tenant (each is one conversation grain call).</summary>
    private const int OffboardingParallelism = 16;

    private IFirstTurnWriterGrain? _firstTurns;

    private IFirstTurnWriterGrain FirstTurns => _firstTurns ??= grains.GetGrain<IFirstTurnWriterGrain>(0);

    /// <summary>
    /// The stored items (input then output of each turn) up to <paramref name="responseId"/>, or null when unknown;
    /// a chain past the silo's caps is a 400 naming the cap.
    /// </summary>
    public async Task<(List<JsonElement>? Value, Failure? Failure)> LoadItemsAsync(string owner, string responseId, CancellationToken cancellationToken)
    {
        var (chain, failure) = await CallAsync("load", responseId, grain => grain.GetChainAsync(owner, responseId), cancellationToken);
        if (chain is null)
        {
            return (null, failure);
        }

        if (chain.Refusal is { } refusal)
        {
            return (null, Failure.InvalidRequest(refusal, "previous_response_id"));
        }

        var items = new List<JsonElement>();
        foreach (var turn in chain.Turns)
        {
            items.AddRange(StoredItems.Input(turn));
            items.AddRange(StoredItems.Output(turn));
        }

        return (items, null);
    }

    /// <summary>
    /// A first turn goes to the silo's <see cref="IFirstTurnWriterGrain"/> (no conversation grain is activated per
    /// stored response); a later turn to its conversation, which already answered for its previous response.
    /// </summary>
    public async Task<Failure?> RecordAsync(StoredTurn turn, CancellationToken cancellationToken) =>
        (await CallAsync("record", turn.ResponseId, async grain =>
        {
            await (turn.PreviousResponseId is null ? FirstTurns.RecordAsync(turn) : grain.RecordAsync(turn));
            return (object?)true;
        }, cancellationToken)).Failure;

    public Task<(StoredTurn? Value, Failure? Failure)> GetAsync(string owner, string responseId, CancellationToken cancellationToken) =>
        CallAsync("get", responseId, grain => grain.GetTurnAsync(owner, responseId), cancellationToken);

    /// <summary>True when deleted; false when there was nothing of this owner's under the id.</summary>
    public async Task<(bool Deleted, Failure? Failure)> DeleteAsync(string owner, string responseId, CancellationToken cancellationToken)
    {
        var (deleted, failure) = await CallAsync("delete", responseId, async grain => (object?)(await grain.DeleteAsync(owner, responseId) ? true : null), cancellationToken);
        return (deleted is true, failure);
    }

    /// <summary>How long the cluster keeps a response after its last use (the silos' TTL, which a gateway's configuration need not hold).</summary>
    public Task<TimeSpan> SessionTtlAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IHistoryRetentionGrain>(0).GetSessionTtlAsync().WaitAsync(cancellationToken);

    /// <summary>Deletes every response a tenant stored on the given days (offboarding); returns how many went.</summary>
    public async Task<int> DeleteTenantAsync(string tenant, IEnumerable<string> days, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var day in days)
        {
            var index = grains.Reference<IOwnerIndexGrain>($"{tenant}/{day}");
            for (var page = 0; await index.ListPageAsync(page).WaitAsync(cancellationToken) is { Count: > 0 } entries; page++)
            {
                deleted += await DeleteEntriesAsync(entries, cancellationToken);
            }
        }

        return deleted;
    }

    /// <summary>
    /// Deletes the responses of one index page (<c>{owner} {responseId}</c> each), <see cref="OffboardingParallelism"/>
    /// grain calls at a time: a tenant's million stored responses are then minutes of deleting, not hours.
    /// </summary>
    private async Task<int> DeleteEntriesAsync(IReadOnlyList<string> entries, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = OffboardingParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(entries, options, async (entry, cancelled) =>
        {
            var space = entry.IndexOf(' ', StringComparison.Ordinal);
            var (owner, responseId) = (entry[..space], entry[(space + 1)..]);
            if (ResponseIds.TryGetConversationId(responseId, out var conversation)
                && await grains.Reference<IConversationGrain>(conversation).DeleteAsync(owner, responseId).WaitAsync(cancelled))
            {
                Interlocked.Increment(ref deleted);
            }
        });

        return deleted;
    }

    private async Task<(T? Value, Failure? Failure)> CallAsync<T>(string operation, string responseId, Func<IConversationGrain, Task<T?>> call, CancellationToken cancellationToken)
        where T : class
    {
        if (!ResponseIds.TryGetConversationId(responseId, out var conversation))
        {
            return (null, null);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var grain = grains.Reference<IConversationGrain>(conversation);
            var value = await HistoryRetry.RunAsync(() => call(grain), cancellationToken, operation);
            RelayMetrics.HistoryCall(operation, succeeded: true, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return (value, null);
        }
        catch (ArgumentException refused)
        {
            // The grain refused the shape or size of what it was given: the client's request, not an outage.
            return (null, Failure.InvalidRequest(refused.Message.Split(" (Parameter", 2)[0], null));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RelayMetrics.HistoryCall(operation, succeeded: false, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            RelayMetrics.StoreError("history_" + operation);
            Log.HistoryFailed(logger, exception);
            return (null, new Failure(FailureKind.HistoryUnavailable, "The response history is unavailable; retry shortly."));
        }
    }
}
