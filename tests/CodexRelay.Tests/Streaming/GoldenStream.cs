using System.Net;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Translation.Quirks;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Streaming;
using CodexRelay.Gateway.Upstream;
using CodexRelay.Gateway.Wire.Responses;
using CodexRelay.Testing.Files;
using Microsoft.Extensions.Options;

namespace CodexRelay.Tests.Streaming;

/// <summary>
/// Replays a golden case's <c>chat.sse</c> as ResponsePipeline streams an upstream answer: the request of
/// tests/fixtures/streaming/request.json translated with the default settings (its tool names, its quirks), the
/// upstream's bytes through <see cref="UpstreamPump"/> (SSE parsing, chunk reading, error chunks) into the state
/// machine, then finish and the terminal event, or <c>response.failed</c>. Ids are sequential, the clock is fixed.
/// </summary>
internal static class GoldenStream
{
    public const string ResponseId = "resp_golden";
    public const long CreatedAt = 1_767_225_600;

    public static async Task<List<JsonObject>> ReplayAsync(string name)
    {
        var request = Fixtures.Read(File.ReadAllText(TestPaths.Fixture("streaming", "request.json")));
        var settings = TranslationSettings.From(new RelayOptions());
        var translated = ChatRequestTranslator.ToChatRequest(request, [], settings);
        using var machine = new ResponseStreamMachine(
            ResponseObjects.Create(request, ResponseId, CreatedAt),
            translated.ToolNames,
            new SequentialIds(),
            settings.Quirks.IsEnabled(QuirkNames.ThinkTags),
            settings.Quirks.IsEnabled(QuirkNames.DsmlHeal));

        using var http = new HttpClient();
        var upstream = new UpstreamClient(http, Options.Create(new RelayOptions()));
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(await File.ReadAllBytesAsync(TestPaths.Fixture("streaming", name, "chat.sse"))),
        };
        var sink = new CollectingSink();
        sink.Events.AddRange(machine.Start().ToNodes());
        if (await UpstreamPump.RunAsync(upstream, response, machine, sink, CancellationToken.None) is { } failure)
        {
            sink.Events.AddRange(machine.Fail(failure, out _).ToNodes());
            return sink.Events;
        }

        sink.Events.AddRange(machine.Finish(out var final).ToNodes());
        sink.Events.AddRange(machine.Terminal(final).ToNodes());
        return sink.Events;
    }

    private sealed class CollectingSink : IResponseEventSink
    {
        public List<JsonObject> Events { get; } = [];

        public Task RejectAsync(Failure error) => throw new InvalidOperationException("A stream that started cannot be rejected.");

        public Task WriteAsync(ResponseEventBatch events, bool moreAtHand = false)
        {
            Events.AddRange(events.ToNodes());
            return Task.CompletedTask;
        }

        public Task CompleteAsync(ResponseEventBatch terminalEvent, JsonObject finalResponse) => throw new InvalidOperationException("The replay writes the terminal event itself.");

        public Task FailAsync(ResponseEventBatch failedEvent, Failure error) => throw new InvalidOperationException("The replay writes the failed event itself.");
    }
}
