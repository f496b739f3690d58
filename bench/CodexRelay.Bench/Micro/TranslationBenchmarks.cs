using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Bench.Micro;

/// <summary>The request path's CPU work on the turn2 body: parse, read, translate, serialize for the upstream.</summary>
[MemoryDiagnoser]
public class TranslationBenchmarks
{
    private byte[] _body = [];
    private JsonDocument? _document;
    private ResponsesRequest? _request;
    private TranslatedRequest? _translated;

    [GlobalSetup]
    public void Setup()
    {
        _body = BenchFixture.Turn2Body();
        _document = JsonDocument.Parse(_body);
        _request = BenchFixture.ReadRequest(_document.RootElement);
        _translated = ChatRequestTranslator.ToChatRequest(_request, [], BenchFixture.Settings);
    }

    [GlobalCleanup]
    public void Cleanup() => _document?.Dispose();

    [Benchmark(Description = "ToChatRequest(turn2)")]
    public object Translate() => ChatRequestTranslator.ToChatRequest(_request!, [], BenchFixture.Settings);

    [Benchmark(Description = "parse(turn2): UTF-8 check + JsonDocument")]
    public int Parse()
    {
        using var document = ParseBody();
        return document.RootElement.GetPropertyCount();
    }

    private RequestDocument ParseBody() =>
        RequestDocument.TryParse(_body, out var document, out var error) ? document : throw new InvalidOperationException(error!.Message);

    [Benchmark(Description = "serialize the Chat body(turn2)")]
    public int Serialize()
    {
        using var buffer = new PooledBufferWriter(64 * 1024);
        _translated!.Body.WriteUtf8(buffer);
        return buffer.WrittenCount;
    }

    [Benchmark(Description = "parse+read+translate+serialize(turn2)")]
    public int EndToEnd()
    {
        using (var document = ParseBody())
        {
            var request = BenchFixture.ReadRequest(document.RootElement);
            var translated = ChatRequestTranslator.ToChatRequest(request, [], BenchFixture.Settings);
            using var buffer = new PooledBufferWriter(64 * 1024);
            translated.Body.WriteUtf8(buffer);
            return buffer.WrittenCount;
        }
    }
}
