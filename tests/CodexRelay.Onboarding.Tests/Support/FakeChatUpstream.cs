using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodexRelay.Onboarding.Tests.Support;

/// <summary>
/// A scripted Chat Completions provider on 127.0.0.1:0: <c>GET /v1/models</c> lists <see cref="ModelIds"/>,
/// <c>POST /v1/chat/completions</c> streams the text "ok" then <c>finish_reason: stop</c> and <c>[DONE]</c>.
/// </summary>
internal sealed class FakeChatUpstream : IAsyncDisposable
{
    public const string ModelId = "fake-chat";

    private readonly WebApplication _app;

    private FakeChatUpstream(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public static IReadOnlyList<string> ModelIds { get; } = [ModelId, "fake-other"];

    /// <summary>The provider's base URL, <c>http://127.0.0.1:&lt;port&gt;/v1</c>.</summary>
    public Uri BaseAddress { get; }

    public ConcurrentQueue<string?> ModelsAuthorizations { get; } = new();

    public ConcurrentQueue<JsonObject> ChatRequests { get; } = new();

    public static async Task<FakeChatUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeChatUpstream? self = null;
        app.MapGet("/v1/models", (HttpContext context) =>
        {
            self!.ModelsAuthorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            var data = new JsonArray([.. ModelIds.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["object"] = "model" })]);
            return Results.Text(new JsonObject { ["object"] = "list", ["data"] = data }.ToJsonString(), "application/json");
        });
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            self!.ChatRequests.Enqueue(body);
            context.Response.ContentType = "text/event-stream";
            var model = (string?)body["model"] ?? ModelId;
            foreach (var chunk in Chunks(model))
            {
                await context.Response.WriteAsync($"data: {chunk}\n\n");
                await context.Response.Body.FlushAsync();
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeChatUpstream(app, new Uri(address.TrimEnd('/') + "/v1"));
        return self;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static IEnumerable<string> Chunks(string model)
    {
        JsonObject Chunk(JsonObject delta, string? finish) => new()
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion.chunk",
            ["created"] = 0,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };

        yield return Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "ok" }, null).ToJsonString();
        yield return Chunk(new JsonObject(), "stop").ToJsonString();
        yield return new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion.chunk",
            ["created"] = 0,
            ["model"] = model,
            ["choices"] = new JsonArray(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 1, ["total_tokens"] = 11 },
        }.ToJsonString();
        yield return "[DONE]";
    }
}
