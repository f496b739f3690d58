using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Telemetry;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Responses;

/// <summary>
/// The chain of one socket: for each response id, its full input plus its output items, so a
/// <c>response.create</c> carrying only new items rebuilds to exactly what a full-history request holds
/// (CODEX-WEBSOCKET.md §6). Codex chains only onto the latest response, so only the newest few are kept, and none
/// whose history is over <c>maxBytes</c> (a chain of warmups would otherwise pin a frame's worth of memory each):
/// chaining onto it is then <c>previous_response_not_found</c>, and Codex resends in full.
/// </summary>
internal sealed class SocketChain(long maxBytes)
{
    private const int Keep = 4;

    public SocketChain()
        : this(long.MaxValue)
    {
    }
    private readonly Dictionary<string, IReadOnlyList<JsonElement>> _items = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string responseId, out IReadOnlyList<JsonElement> items) => _items.TryGetValue(responseId, out items!);

    /// <summary>Remembers a finished response; the input is copied, since the request's document goes away.</summary>
    public void Record(JsonObject final, IEnumerable<JsonElement> earlier, IEnumerable<JsonElement> input)
    {
        var output = JsonSerializer.SerializeToElement(final["output"], ResponsesJsonContext.Default.JsonNode);
        Record(final["id"]!.GetValue<string>(), earlier, input.Select(item => item.Clone()), output.ValueKind == JsonValueKind.Array ? output.EnumerateArray() : []);
    }

    /// <summary>Remembers a response: what it was given (earlier + new input) followed by what it produced.</summary>
    public void Record(string responseId, IEnumerable<JsonElement> earlier, IEnumerable<JsonElement> input, IEnumerable<JsonElement> output)
    {
        List<JsonElement> items = [.. earlier, .. input, .. output];
        long bytes = 0;
        foreach (var item in items)
        {
            bytes += JsonMarshal.GetRawUtf8Value(item).Length;
        }

        if (bytes > maxBytes)
        {
            return;
        }

        _items[responseId] = items;
        _order.Enqueue(responseId);
        var evicted = 0;
        while (_order.Count > Keep)
        {
            evicted += _items.Remove(_order.Dequeue()) ? 1 : 0;
        }

        RelayMetrics.TurnCached(added: 1, evicted);
    }

    /// <summary>The socket closed: its turns leave the cache (counted in the size, not as evictions).</summary>
    public void Release()
    {
        RelayMetrics.TurnsReleased(_items.Count);
        _items.Clear();
        _order.Clear();
    }
}
