using CodexRelay.Contracts.History;

namespace CodexRelay.Grains.History;

/// <summary>
/// The turns a silo keeps in memory, shared by all conversation grains and bounded by
/// <c>MaxSessions</c> (conversations) and <c>MaxSessionMemoryMb</c> (bytes of turn records). The least
/// recently used conversation goes first; its turns are read from storage again when needed.
/// </summary>
public sealed class TurnCache(int maxConversations, long maxBytes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Conversation>> _conversations = new(StringComparer.Ordinal);
    private readonly LinkedList<Conversation> _recency = new();

    public long Bytes { get; private set; }

    public int Conversations
    {
        get
        {
            lock (_lock)
            {
                return _conversations.Count;
            }
        }
    }

    public bool TryGet(string conversationId, string responseId, out StoredTurn turn)
    {
        lock (_lock)
        {
            turn = null!;
            if (!_conversations.TryGetValue(conversationId, out var node) || !node.Value.Turns.TryGetValue(responseId, out turn!))
            {
                return false;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return true;
        }
    }

    public void Put(string conversationId, StoredTurn turn)
    {
        var size = SizeOf(turn);
        lock (_lock)
        {
            if (!_conversations.TryGetValue(conversationId, out var node))
            {
                node = _recency.AddFirst(new Conversation(conversationId));
                _conversations[conversationId] = node;
            }
            else
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
            }

            if (node.Value.Turns.TryGetValue(turn.ResponseId, out var previous))
            {
                Bytes -= SizeOf(previous);
            }

            node.Value.Turns[turn.ResponseId] = turn;
            Bytes += size;
            while ((_conversations.Count > maxConversations || Bytes > maxBytes) && _recency.Last is { } oldest)
            {
                Bytes -= oldest.Value.Turns.Values.Sum(SizeOf);
                _conversations.Remove(oldest.Value.Id);
                _recency.RemoveLast();
            }
        }
    }

    public void Remove(string conversationId, string responseId)
    {
        lock (_lock)
        {
            if (_conversations.TryGetValue(conversationId, out var node) && node.Value.Turns.Remove(responseId, out var turn))
            {
                Bytes -= SizeOf(turn);
            }
        }
    }

    private static long SizeOf(StoredTurn turn) => 2L * (turn.InputItemsJson.Length + turn.ResponseJson.Length + turn.ResponseId.Length + 64);

    private sealed record Conversation(string Id)
    {
        public Dictionary<string, StoredTurn> Turns { get; } = new(StringComparer.Ordinal);
    }
}
