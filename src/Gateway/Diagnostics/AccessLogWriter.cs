using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CodexRelay.Gateway.Diagnostics;

/// <summary>
/// Writes the access lines (<see cref="AccessLog.Category"/>) to standard output in batches: a line is appended to a
/// buffer on the request's thread and the buffer is written every <see cref="FlushInterval"/> (or at 64 KB) in one
/// call. The console logger wakes its thread and writes once per line, which cost ~3.5 % of a request's CPU
/// (docs/performance.md). Lines keep the console's shape: the simple formatter's two lines, or with
/// <c>CODEX_RELAY_LOG_FORMAT=json</c> one JSON object with the message and its named values under <c>State</c>.
/// A process killed without shutdown loses at most the last interval's lines.
/// </summary>
[ProviderAlias("Access")]
internal sealed class AccessLogWriter : ILoggerProvider
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);
    private const int FlushAtBytes = 64 * 1024;
    private static readonly byte[] TextPrefix = Encoding.UTF8.GetBytes($"info: {AccessLog.Category}[{AccessLog.EventId}]\n      ");

    private readonly bool _json;
    private readonly Stream _output;
    private readonly object _outputLock;
    private readonly Lock _bufferLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flusher;
    private ArrayBufferWriter<byte> _buffer = new(FlushAtBytes);
    private ArrayBufferWriter<byte> _spare = new(FlushAtBytes);

    /// <param name="json">One JSON object per line instead of the simple console shape.</param>
    /// <param name="output">Standard output, or a test's stream.</param>
    /// <param name="outputLock">
    /// Held while a batch is written; <see cref="Console.Out"/> for standard output, whose writes lock on itself, so
    /// a batch never interleaves with the console logger's lines.
    /// </param>
    public AccessLogWriter(bool json, Stream output, object outputLock)
    {
        _json = json;
        _output = output;
        _outputLock = outputLock;
        _flusher = FlushPeriodicallyAsync(_stop.Token);
    }

    public static AccessLogWriter ToStandardOutput(bool json) => new(json, Console.OpenStandardOutput(), Console.Out);

    public ILogger CreateLogger(string categoryName) =>
        categoryName == AccessLog.Category ? new AccessLogger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _flusher.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }

        Flush();
        _stop.Dispose();
    }

    /// <summary>Writes what is buffered now.</summary>
    public void Flush()
    {
        ArrayBufferWriter<byte> full;
        lock (_bufferLock)
        {
            if (_buffer.WrittenCount == 0)
            {
                return;
            }

            full = _buffer;
            _buffer = _spare;
            _spare = full;
        }

        try
        {
            lock (_outputLock)
            {
                _output.Write(full.WrittenSpan);
                _output.Flush();
            }
        }
        catch (IOException)
        {
            // Standard output closed (the collector went away): the lines are dropped, the requests go on.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            full.ResetWrittenCount();
        }
    }

    private void Append<TState>(TState state, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, null);
        bool flushNow;
        lock (_bufferLock)
        {
            if (_json)
            {
                WriteJson(_buffer, message, state as IReadOnlyList<KeyValuePair<string, object?>>);
            }
            else
            {
                _buffer.Write(TextPrefix);
                WriteUtf8(_buffer, message);
                _buffer.Write("\n"u8);
            }

            flushNow = _buffer.WrittenCount >= FlushAtBytes;
        }

        if (flushNow)
        {
            Flush();
        }
    }

    private static void WriteJson(ArrayBufferWriter<byte> buffer, string message, IReadOnlyList<KeyValuePair<string, object?>>? values)
    {
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("EventId", AccessLog.EventId);
            json.WriteString("LogLevel", "Information");
            json.WriteString("Category", AccessLog.Category);
            json.WriteString("Message", message);
            json.WriteStartObject("State");
            json.WriteString("Message", message);
            if (values is not null)
            {
                foreach (var (name, value) in values)
                {
                    WriteValue(json, name, value);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case int number:
                json.WriteNumber(name, number);
                break;
            case long number:
                json.WriteNumber(name, number);
                break;
            default:
                json.WriteString(name, value.ToString());
                break;
        }
    }

    private static void WriteUtf8(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private async Task FlushPeriodicallyAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            Flush();
        }
    }

    private sealed class AccessLogger(AccessLogWriter writer) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                writer.Append(state, formatter);
            }
        }
    }
}
