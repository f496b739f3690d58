using System.Text.Json;

namespace CodexRelay.Gateway.WebSockets;

/// <summary>
/// The chain of one socket: for each response id, its full input plus its output items, so a
/// <c>response.create</c> carrying only new items rebuilds to exactly what a full-history request holds
/// (CODEX-WEBSOCKET.md §6). Codex chains only onto the latest response, so only the newest few are kept.
/// </summary>
internal sealed class SocketChain
{
    private const int Keep = 4;
    private readonly Dictionary<string, IReadOnlyList<JsonElement>> _items = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string responseId, out IReadOnlyList<JsonElement> items) => _items.TryGetValue(responseId, out items!);

    /// <summary>Remembers a response: what it was given (earlier + new input) followed by what it produced.</summary>
    public void Record(string responseId, IEnumerable<JsonElement> earlier, IEnumerable<JsonElement> input, IEnumerable<JsonElement> output)
    {
        _items[responseId] = [.. earlier, .. input, .. output];
        _order.Enqueue(responseId);
        while (_order.Count > Keep)
        {
            _items.Remove(_order.Dequeue());
        }
    }
}
