using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Streaming;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Upstream;
using CodexRelay.Gateway.Wire.Responses;
using Microsoft.Extensions.Options;

namespace CodexRelay.Tests.Streaming;

/// <summary>The pump reads one chunk ahead: what arrived together is flushed together, and never held while it waits.</summary>
public sealed class UpstreamPumpTests
{
    [Fact]
    public async Task ChunksInOneRead_LeaveInOneFlush_AndTheLastBeforeAWaitIsFlushed()
    {
        using var upstream = new SegmentedStream();
        upstream.Add(Chunk("a") + Chunk("b") + Chunk("c"));
        var sink = new RecordingSink();

        var pump = RunAsync(upstream, sink);
        await sink.WaitForWritesAsync(3);
        upstream.Add(Chunk("d", finish: "stop") + "data: [DONE]\n\n");
        upstream.End();

        Assert.Null(await pump);
        Assert.Equal([true, true, false, true], sink.MoreAtHand);
    }

    [Fact]
    public async Task AWriteThatFails_WhileTheNextReadWaits_SurfacesTheWriteError_AndStopsTheRead()
    {
        using var upstream = new SegmentedStream();
        upstream.Add(Chunk("a"));
        var sink = new RecordingSink { FailOnWrite = new OperationCanceledException("client went away") };

        var failure = await Assert.ThrowsAsync<OperationCanceledException>(() => RunAsync(upstream, sink).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal("client went away", failure.Message);
        Assert.True(upstream.ReadWasCancelled);
    }

    [Theory]
    [InlineData("""{"choices":[7]}""")]
    [InlineData("""{"choices":{"index":0}}""")]
    [InlineData("""{"choices":[{"delta":{"content":5}}]}""")]
    [InlineData("""{"choices":[{"delta":{"content":"a"},"finish_reason":["stop"]}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":[{"index":"first"}]}}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":[{"index":2147483647,"function":{"name":"f"}}]}}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":[3]}}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":[{"index":0,"id":1,"function":{"name":{"n":1}}}]}}]}""")]
    [InlineData("""[1,2]""")]
    public async Task AChunkFieldOfTheWrongType_FailsTheResponse_NamingWhy(string chunk)
    {
        using var upstream = new SegmentedStream();
        upstream.Add("data: " + chunk + "\n\n" + Chunk("", finish: "stop") + "data: [DONE]\n\n");
        upstream.End();

        var failure = await RunAsync(upstream, new RecordingSink()).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(failure);
        Assert.Equal("malformed_chunk", failure.Code);
        Assert.Contains("must be", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentAsAListOfParts_AsMistralReasoningModelsStreamIt_IsTextAndReasoning()
    {
        using var upstream = new SegmentedStream();
        upstream.Add("data: " + """{"choices":[{"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"Let me see."}]}]}}]}""" + "\n\n");
        upstream.Add("data: " + """{"choices":[{"delta":{"content":[{"type":"text","text":"Four."}]}}]}""" + "\n\n");
        upstream.Add(Chunk("", finish: "stop") + "data: [DONE]\n\n");
        upstream.End();
        var sink = new RecordingSink();

        Assert.Null(await RunAsync(upstream, sink).WaitAsync(TimeSpan.FromSeconds(10)));

        var events = string.Join("\n", sink.Events.Select(e => e.ToJsonString()));
        Assert.Contains("Let me see.", events, StringComparison.Ordinal);
        Assert.Contains("\"delta\":\"Four.\"", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextThatIsNotUtf8_ReadsAsReplacementCharacters_NotAFailure()
    {
        using var upstream = new SegmentedStream();
        upstream.Add([.. "data: {\"choices\":[{\"delta\":{\"content\":\"a"u8, 0xC3, 0x28, 0xFF, .. "b\"}}]}\n\n"u8]);
        upstream.Add(Chunk("", finish: "stop") + "data: [DONE]\n\n");
        upstream.End();
        var sink = new RecordingSink();

        Assert.Null(await RunAsync(upstream, sink).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains(sink.Events, e => e["delta"]?.GetValue<string>() == "a\uFFFD(\uFFFDb");
    }

    [Fact]
    public async Task AnEndlessLine_IsCutByTheEventByteCap()
    {
        using var upstream = new SegmentedStream();
        upstream.Add("data: " + new string('x', 4096));
        upstream.Add(new string('x', 4096));

        var failure = await RunAsync(upstream, new RecordingSink(), new UpstreamOptions { MaxEventBytes = 1024 }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("stream_limit_exceeded", failure?.Code);
        Assert.Contains("MaxEventBytes", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEndlessStream_IsCutByTheStreamByteCap()
    {
        using var upstream = new SegmentedStream();
        for (var i = 0; i < 100; i++)
        {
            upstream.Add(Chunk("more text "));
        }

        var failure = await RunAsync(upstream, new RecordingSink(), new UpstreamOptions { MaxStreamBytes = 2000 }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("stream_limit_exceeded", failure?.Code);
        Assert.Contains("MaxStreamBytes", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStreamOfKeepAlives_IsCutByTheTotalTimeCap()
    {
        using var upstream = new SegmentedStream();
        using var keepAlive = new CancellationTokenSource();
        var feeding = FeedKeepAlivesAsync(upstream, keepAlive.Token);

        var failure = await RunAsync(upstream, new RecordingSink(), new UpstreamOptions { MaxStreamDuration = TimeSpan.FromSeconds(1), IdleTimeout = TimeSpan.FromMinutes(1) }).WaitAsync(TimeSpan.FromSeconds(20));
        await keepAlive.CancelAsync();
        await feeding;

        Assert.Equal("stream_limit_exceeded", failure?.Code);
        Assert.Contains("MaxStreamDuration", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepAliveComments_ResetTheIdleTimer()
    {
        using var upstream = new SegmentedStream();
        upstream.Add(Chunk("a"));
        using var keepAlive = new CancellationTokenSource(TimeSpan.FromSeconds(7.5));

        // The pump and the feed run on the thread pool, not on the test runner's two-thread context: a neighbouring test
        // holding that context for an idle timeout's worth would otherwise stop the comments, not the upstream.
        var pump = Task.Run(() => RunAsync(upstream, new RecordingSink(), new UpstreamOptions { IdleTimeout = TimeSpan.FromSeconds(3) }));

        // Two and a half idle timeouts' worth of comments only, then the end: an upstream that is thinking, not gone.
        await Task.Run(() => FeedKeepAlivesAsync(upstream, keepAlive.Token));
        upstream.Add(Chunk("b", finish: "stop") + "data: [DONE]\n\n");
        upstream.End();

        Assert.Null(await pump.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task FeedKeepAlivesAsync(SegmentedStream upstream, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            upstream.Add(": keep-alive\n\n");
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static Task<Failure?> RunAsync(Stream body, IResponseEventSink sink, UpstreamOptions? upstreamOptions = null)
    {
        var client = new UpstreamClient(new HttpClient(), Options.Create(new RelayOptions { Upstream = upstreamOptions ?? new UpstreamOptions() }));
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(body) };
        var skeleton = new JsonObject { ["id"] = "resp_test", ["object"] = "response", ["created_at"] = 1, ["model"] = "m", ["output"] = new JsonArray() };
        var machine = new ResponseStreamMachine(skeleton, ToolNameMap.Empty, new SequentialIds());
        machine.Start();
        return UpstreamPump.RunAsync(client, response, machine, sink, CancellationToken.None);
    }

    private static string Chunk(string text, string? finish = null) =>
        "data: " + new JsonObject
        {
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = text }, ["finish_reason"] = finish }),
        }.ToJsonString() + "\n\n";

    private sealed class RecordingSink : IResponseEventSink
    {
        private readonly SemaphoreSlim _written = new(0);

        public List<bool> MoreAtHand { get; } = [];

        public List<JsonObject> Events { get; } = [];

        public Exception? FailOnWrite { get; init; }

        public async Task WaitForWritesAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _written.WaitAsync(TimeSpan.FromSeconds(10)), "the pump held a chunk back");
            }
        }

        public Task RejectAsync(Failure error) => Task.CompletedTask;

        public Task WriteAsync(ResponseEventBatch events, bool moreAtHand = false)
        {
            if (FailOnWrite is not null)
            {
                throw FailOnWrite;
            }

            MoreAtHand.Add(moreAtHand);
            Events.AddRange(events.ToNodes());
            _written.Release();
            return Task.CompletedTask;
        }

        public Task CompleteAsync(ResponseEventBatch terminalEvent, JsonObject finalResponse) => Task.CompletedTask;

        public Task FailAsync(ResponseEventBatch failedEvent, Failure error) => Task.CompletedTask;
    }

    /// <summary>A response body that hands out each added segment as one read and waits (until cancelled) for the next.</summary>
    private sealed class SegmentedStream : Stream
    {
        private readonly System.Threading.Channels.Channel<byte[]> _segments = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();
        private byte[] _current = [];
        private int _offset;

        public bool ReadWasCancelled { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Add(string segment) => Add(Encoding.UTF8.GetBytes(segment));

        public void Add(byte[] segment) => _segments.Writer.TryWrite(segment);

        public void End() => _segments.Writer.TryComplete();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset == _current.Length)
            {
                try
                {
                    if (!await _segments.Reader.WaitToReadAsync(cancellationToken) || !_segments.Reader.TryRead(out var next))
                    {
                        return 0;
                    }

                    (_current, _offset) = (next, 0);
                }
                catch (OperationCanceledException)
                {
                    ReadWasCancelled = true;
                    throw;
                }
            }

            var count = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
