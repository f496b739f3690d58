using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CodexRelay.Gateway.Translation.Requests;

namespace CodexRelay.Bench.Micro;

/// <summary>The request path's CPU work on the turn2 body: parse, read, translate, serialize for the upstream.</summary>
[MemoryDiagnoser]
public class TranslationBenchmarks
{
    private byte[] _body = [];
    private JsonDocument? _document;
    private ResponsesRequest? _request;

    [GlobalSetup]
    public void Setup()
    {
        _body = BenchFixture.Turn2Body();
        _document = JsonDocument.Parse(_body);
        _request = BenchFixture.ReadRequest(_document);
    }

    [GlobalCleanup]
    public void Cleanup() => _document?.Dispose();

    [Benchmark(Description = "ToChatRequest(turn2)")]
    public object Translate() => ChatRequestTranslator.ToChatRequest(_request!, [], BenchFixture.Settings);

    [Benchmark(Description = "parse+read+translate+serialize(turn2)")]
    public int EndToEnd()
    {
        using var document = JsonDocument.Parse(_body);
        var request = BenchFixture.ReadRequest(document);
        var translated = ChatRequestTranslator.ToChatRequest(request, [], BenchFixture.Settings);
        return System.Text.Encoding.UTF8.GetByteCount(translated.Body.ToJsonString());
    }
}
