using System.Text.Json;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Telemetry;
using CodexRelay.Gateway.Translation.Streaming;
using CodexRelay.Gateway.Upstream;
using CodexRelay.Gateway.Wire.Chat;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Responses;

/// <summary>
/// Feeds an upstream stream through the state machine into a sink, chunk by chunk. Returns the failure that ended
/// it early (an error chunk, a malformed or truncated stream, a broken connection), or null when it finished.
/// </summary>
internal static class UpstreamPump
{
    public static async Task<Failure?> RunAsync(UpstreamClient upstream, HttpResponseMessage response, ResponseStreamMachine machine, IResponseEventSink sink, CancellationToken cancellationToken, RequestMeasure? measure = null)
    {
        try
        {
            // Reading runs one chunk ahead of writing (to know whether the next chunk is already here), so a
            // failed write must stop and await that read before the enumerator may be disposed.
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var events = upstream.ReadEventsAsync(response, reading.Token).GetAsyncEnumerator(reading.Token);
            var next = events.MoveNextAsync();
            var readPending = true;
            try
            {
                while (true)
                {
                    readPending = false;
                    if (!await next)
                    {
                        break;
                    }

                    var data = events.Current;
                    if (data.AsSpan().SequenceEqual("[DONE]"u8))
                    {
                        break;
                    }

                    ResponseEventBatch produced;
                    try
                    {
                        var chunk = ChatChunkReader.Read(data);
                        if (chunk.Error is { } streamError)
                        {
                            return UpstreamErrorMapper.FromStreamError(streamError);
                        }

                        produced = machine.OnChunk(chunk);
                    }
                    catch (JsonException malformed)
                    {
                        return UpstreamFailures.MalformedChunk(malformed.Message);
                    }
                    catch (Exception unexpected) when (unexpected is InvalidOperationException or ArgumentException or FormatException or OverflowException or KeyNotFoundException or IndexOutOfRangeException)
                    {
                        // A chunk the reader let through but the machine could not take: the response fails, the connection stays.
                        return UpstreamFailures.MalformedChunk($"{unexpected.GetType().Name}: {unexpected.Message}");
                    }

                    measure?.MarkFirstByte();

                    // Chunks that arrived together leave together; the sink flushes before the relay waits for the next one.
                    next = events.MoveNextAsync();
                    readPending = true;
                    await sink.WriteAsync(produced, moreAtHand: next.IsCompleted);
                }
            }
            finally
            {
                if (readPending)
                {
                    await reading.CancelAsync();
                    try
                    {
                        await next;
                    }
                    catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException or IOException or TimeoutException)
                    {
                        // The write failed first; that is the error that matters.
                    }
                }

                await events.DisposeAsync();
            }
        }
        catch (TimeoutException timeout)
        {
            return UpstreamFailures.IdleTimeout(timeout.Message);
        }
        catch (StreamLimitException limit)
        {
            return UpstreamFailures.StreamLimit(limit.Message);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return UpstreamFailures.StreamBroken(exception);
        }

        // Some providers never send [DONE]; a finish_reason is what proves the answer is whole.
        return machine.FinishReason is null ? UpstreamFailures.StreamTruncated() : null;
    }
}
