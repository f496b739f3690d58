using System.Text.Json;
using CodexRelay.Gateway.Translation.Requests;

namespace CodexRelay.Gateway.Responses;

/// <summary>One response to produce: the request, the stored items it continues (already fetched), and its conversation.</summary>
internal sealed record ResponseRun(ResponsesRequest Request, IReadOnlyList<JsonElement> EarlierItems, string ConversationId, string? Authorization)
{
    public string Owner { get; init; } = History.ResponseHistoryClient.DefaultOwner;
}
