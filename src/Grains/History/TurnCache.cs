using CodexRelay.Contracts.History;

namespace CodexRelay.Grains.History;

/// <summary>
/// The turns a silo keeps in memory, shared by all conversation grains and bounded by
/// <c>MaxSessions</c> (conversations) and <c>MaxSessionMemoryMb</c> (bytes of turn records). The least
/// recently used conversation goes first; its turns are read from storage again when needed.
/// A turn cached longer than <c>refreshAfter</c> (half the store's idle TTL) is read from the store again,
/// which renews its expiry there: a conversation in use never loses its older turns.
/// A conversation grain attaches while it is active; when its conversation is evicted, the cache tells it to
/// deactivate, so the bounds hold for activations too, not only for cached turns.
/// </summary>
public sealed class TurnCache(int maxConversations, long maxBytes, TimeSpan? refreshAfter = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Conversation>> _conversations = new(StringComparer.Ordinal);
    private readonly LinkedList<Conversation> _recency = new();
    private readonly Dictionary<string, Action> _onEvicted = new(StringComparer.Ordinal);
    private long _evictions;

    public long Bytes { get; private set; }

    /// <summary>Conversations evicted so far to stay within the bounds.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

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
            if (!_conversations.TryGetValue(conversationId, out var node) || !node.Value.Turns.TryGetValue(responseId, out var entry))
            {
                return false;
            }

            if (refreshAfter is { } refresh && _time.GetUtcNow() - entry.CachedAt > refresh)
            {
                node.Value.Turns.Remove(responseId);
                Bytes -= SizeOf(entry.Turn);
                return false;
            }

            turn = entry.Turn;

            _recency.Remove(node);
            _recency.AddFirst(node);
            return true;
        }
    }

    /// <summary>Registers what to do when the conversation is evicted (an active grain deactivates itself).</summary>
    public void Attach(string conversationId, Action onEvicted)
    {
        lock (_lock)
        {
            _onEvicted[conversationId] = onEvicted;
        }
    }

    public void Detach(string conversationId, Action onEvicted)
    {
        lock (_lock)
        {
            if (_onEvicted.TryGetValue(conversationId, out var attached) && attached == onEvicted)
            {
                _onEvicted.Remove(conversationId);
            }
        }
    }

    public void Put(string conversationId, StoredTurn turn)
    {
        var size = SizeOf(turn);
        List<Action>? evicted = null;
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
                Bytes -= SizeOf(previous.Turn);
            }

            node.Value.Turns[turn.ResponseId] = new CachedTurn(turn, _time.GetUtcNow());
            Bytes += size;
            while ((_conversations.Count > maxConversations || Bytes > maxBytes) && _recency.Last is { } oldest)
            {
                Bytes -= oldest.Value.Turns.Values.Sum(entry => SizeOf(entry.Turn));
                _conversations.Remove(oldest.Value.Id);
                _recency.RemoveLast();
                Interlocked.Increment(ref _evictions);
                if (oldest.Value.Id != conversationId && _onEvicted.Remove(oldest.Value.Id, out var onEvicted))
                {
                    (evicted ??= []).Add(onEvicted);
                }
            }
        }

        foreach (var onEvicted in evicted ?? [])
        {
            onEvicted();
        }
    }

    public void Remove(string conversationId, string responseId)
    {
        lock (_lock)
        {
            if (_conversations.TryGetValue(conversationId, out var node) && node.Value.Turns.Remove(responseId, out var entry))
            {
                Bytes -= SizeOf(entry.Turn);
            }
        }
    }

    private static long SizeOf(StoredTurn turn) => 2L * (turn.InputItemsJson.Length + turn.ResponseJson.Length + turn.ResponseId.Length + 64);

    private sealed record CachedTurn(StoredTurn Turn, DateTimeOffset CachedAt);

    private sealed record Conversation(string Id)
    {
        public Dictionary<string, CachedTurn> Turns { get; } = new(StringComparer.Ordinal);
    }
}
