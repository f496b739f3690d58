using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// The warm-up's provider: a Chat Completions endpoint on 127.0.0.1 inside this process that answers every request
/// with a short canned turn — reasoning, text, and a call of the request's first tool when it has one — streamed as
/// SSE in several writes (the relay always asks a provider for a stream). Nothing outside the process can use it: the gateway sends it only
/// the warm-up's own requests, and it stops when the warm-up ends.
/// </summary>
internal sealed class LoopbackChatUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackChatUpstream(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The base URL to configure as a provider's, ending in <c>/v1</c>.</summary>
    public string BaseUrl { get; }

    public static async Task<LoopbackChatUpstream> StartAsync(IMeterFactory meters, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(meters);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(AnswerAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackChatUpstream(app, address.TrimEnd('/') + "/v1");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = request.RootElement;
        var tool = root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0
            && tools[0].TryGetProperty("function", out var function) && function.TryGetProperty("name", out var name)
            ? name.GetString()
            : null;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        foreach (var part in StreamParts(tool))
        {
            await response.WriteAsync(part, context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private const string Usage = """{"prompt_tokens":1200,"completion_tokens":90,"total_tokens":1290,"prompt_tokens_details":{"cached_tokens":1000},"completion_tokens_details":{"reasoning_tokens":40}}""";

    /// <summary>Four writes, so the relay's reader meets events split across reads as it does with real providers.</summary>
    private static IEnumerable<string> StreamParts(string? tool)
    {
        static string Chunk(string delta, string finish = "null") =>
            $$"""data: {"id":"c","object":"chat.completion.chunk","created":0,"model":"warm-up","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{finish}}}]}""" + "\n\n";

        var reasoning = new StringBuilder(Chunk("""{"role":"assistant","content":""}"""));
        for (var i = 0; i < 6; i++)
        {
            reasoning.Append(Chunk($$"""{"reasoning_content":"thought {{i}} "}"""));
        }

        yield return reasoning.ToString();
        var text = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            text.Append(Chunk($$"""{"content":"word{{i}} "}"""));
        }

        var words = text.ToString();
        yield return words[..(words.Length / 2)];
        yield return words[(words.Length / 2)..];
        var end = new StringBuilder();
        if (tool is not null)
        {
            end.Append(Chunk($$$"""{"tool_calls":[{"index":0,"id":"call_warm","type":"function","function":{"name":{{{JsonSerializer.Serialize(tool)}}},"arguments":""}}]}"""));
            end.Append(Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"cmd\":\"ls\"}"}}]}"""));
        }

        end.Append(Chunk("{}", tool is null ? "\"stop\"" : "\"tool_calls\""));
        end.Append($$"""data: {"id":"c","object":"chat.completion.chunk","created":0,"model":"warm-up","choices":[],"usage":{{Usage}}}""" + "\n\ndata: [DONE]\n\n");
        yield return end.ToString();
    }
}
