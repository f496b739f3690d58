using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodexRelay.Testing.Upstream;

/// <summary>
/// A scripted Chat Completions provider on a loopback port, as strict as real ones (see <see cref="ChatRequestRules"/>).
/// Every request body is recorded; replies come from a queue, and an empty queue is an error unless
/// <see cref="DefaultReply"/> is set. The end-to-end and onboarding tests both run against it.
/// </summary>
public sealed class StrictChatUpstream : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedReply> _replies = new();
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private readonly ConcurrentQueue<string> _rejections = new();
    private readonly ConcurrentQueue<string> _authorizations = new();
    private readonly ConcurrentQueue<string> _modelsAuthorizations = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _requestHeaders = new();
    private WebApplication _app = null!;
    private int _cancellations;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>DeepSeek thinking mode: assistant messages must carry their reasoning_content back.</summary>
    public bool ThinkingMode { get; set; }

    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    public IReadOnlyList<string> Rejections => [.. _rejections];

    /// <summary>The Authorization header of each chat request.</summary>
    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    /// <summary>The headers of each chat request, names lower-cased.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> RequestHeaders => [.. _requestHeaders];

    /// <summary>The Authorization header of each <c>GET /v1/models</c>.</summary>
    public IReadOnlyList<string> ModelsAuthorizations => [.. _modelsAuthorizations];

    /// <summary>The reply to any request the queue has none for.</summary>
    public ScriptedReply? DefaultReply { get; set; }

    /// <summary>Requests whose upstream stream was cancelled by the relay.</summary>
    public int Cancellations => Volatile.Read(ref _cancellations);

    /// <summary>Starts the provider; <c>GET /v1/models</c> lists <paramref name="modelIds"/> (default <c>scripted-model</c>).</summary>
    public static async Task<StrictChatUpstream> StartAsync(params string[] modelIds)
    {
        string[] listed = modelIds.Length > 0 ? modelIds : ["scripted-model"];
        var upstream = new StrictChatUpstream();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/v1/models", (HttpContext context) =>
        {
            upstream._modelsAuthorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            return Results.Json(new { @object = "list", data = listed.Select(id => new { id, @object = "model" }) });
        });
        app.MapPost("/v1/chat/completions", upstream.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream._app = app;
        upstream.BaseAddress = new Uri(address + "/v1/");
        return upstream;
    }

    public void Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        _authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        _requestHeaders.Enqueue(context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        _requests.Enqueue(body);
        if (ChatRequestRules.Violation(body, ThinkingMode) is { } violation)
        {
            _rejections.Enqueue(violation);
            await WriteErrorAsync(context, 400, violation);
            return;
        }

        if (!_replies.TryDequeue(out var reply) && (reply = DefaultReply) is null)
        {
            await WriteErrorAsync(context, 500, "the test scripted no reply for this request");
            return;
        }

        if (reply.Status != 200)
        {
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            if (reply.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = reply.RetryAfter;
            }

            await context.Response.WriteAsync(reply.ErrorBody ?? "{}");
            return;
        }

        context.Response.ContentType = "text/event-stream";
        try
        {
            foreach (var chunk in reply.Chunks)
            {
                if (reply.DelayBetweenChunks > TimeSpan.Zero)
                {
                    await Task.Delay(reply.DelayBetweenChunks, context.RequestAborted);
                }

                await context.Response.WriteAsync($"data: {chunk}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            if (reply.SendDone)
            {
                await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancellations);
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { message, type = "invalid_request_error", code = (string?)null } });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
