using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Streaming;
using CodexRelay.Gateway.Wire.Chat;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Bench.Micro;

/// <summary>One whole response through the state machine (49 chunks), with and without copying every event out the way the SSE sink does.</summary>
[MemoryDiagnoser]
public class StreamMachineBenchmarks
{
    private List<ChatChunk> _chunks = [];
    private JsonDocument? _document;
    private ResponsesRequest? _request;
    private TranslatedRequest? _translated;

    [GlobalSetup]
    public void Setup()
    {
        _chunks = BenchFixture.Chunks();
        _document = JsonDocument.Parse(BenchFixture.Turn2Body());
        _request = BenchFixture.ReadRequest(_document.RootElement);
        _translated = ChatRequestTranslator.ToChatRequest(_request, [], BenchFixture.Settings);
    }

    [GlobalCleanup]
    public void Cleanup() => _document?.Dispose();

    [Benchmark(Description = "machine: 49 chunks")]
    public int Machine() => Run(serialize: false);

    [Benchmark(Description = "machine + SSE JSON: 49 chunks")]
    public int MachineAndJson() => Run(serialize: true);

    private int Run(bool serialize)
    {
        var skeleton = ResponseObjects.Create(_request!, "resp_bench", 1_700_000_000);
        using var machine = new ResponseStreamMachine(skeleton, _translated!.ToolNames, RandomIdGenerator.Instance);
        var total = Count(machine.Start(), serialize);
        foreach (var chunk in _chunks)
        {
            total += Count(machine.OnChunk(chunk), serialize);
        }

        total += Count(machine.Finish(out var final), serialize);
        total += Count(machine.Terminal(final), serialize);
        return total;
    }

    private static int Count(ResponseEventBatch events, bool serialize)
    {
        if (!serialize)
        {
            return events.Count;
        }

        // What the SSE sink does with the machine's UTF-8 events: copy them into one buffer.
        using var buffer = new PooledBufferWriter();
        for (var i = 0; i < events.Count; i++)
        {
            buffer.Write(events.JsonAt(i).Span);
        }

        return buffer.WrittenCount;
    }
}
