using System.Text.Json;
using CodexRelay.Gateway.Wire.Json;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// Responses stream events written once, as UTF-8 JSON objects in one pooled buffer, each with its type (the SSE
/// <c>event:</c> name). The stream machine owns one and refills it on every call: read it before calling again.
/// </summary>
internal sealed class ResponseEventBatch : IDisposable
{
    private readonly PooledBufferWriter _buffer = new(8 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly List<(string Type, int Start, int Length)> _events = [];
    private string? _open;
    private int _openStart;

    public ResponseEventBatch() => _writer = new Utf8JsonWriter(_buffer, JsonNodes.WriterOptions);

    public int Count => _events.Count;

    public string TypeAt(int index) => _events[index].Type;

    /// <summary>The event's JSON object, as sent in an SSE <c>data:</c> line or a WebSocket text frame.</summary>
    public ReadOnlyMemory<byte> JsonAt(int index)
    {
        var (_, start, length) = _events[index];
        return _buffer.WrittenMemory.Slice(start, length);
    }

    /// <summary>Opens an event with its type and sequence number; the caller writes its other fields, then <see cref="End"/>.</summary>
    public Utf8JsonWriter Begin(string type, int sequenceNumber)
    {
        _open = type;
        _openStart = _buffer.WrittenCount;
        _writer.WriteStartObject();
        _writer.WriteString("type"u8, type);
        _writer.WriteNumber("sequence_number"u8, sequenceNumber);
        return _writer;
    }

    public void End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset();
        _events.Add((_open!, _openStart, _buffer.WrittenCount - _openStart));
        _open = null;
    }

    /// <summary>Empties the batch, and drops an event left open by a call that threw.</summary>
    public void Clear()
    {
        _events.Clear();
        _buffer.Clear();
        _writer.Reset();
        _open = null;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _buffer.Dispose();
    }
}
