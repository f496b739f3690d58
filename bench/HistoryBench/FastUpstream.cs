using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CodexRelay.HistoryBench;

/// <summary>A Chat Completions upstream that answers every request with the same short stream, at once.</summary>
internal sealed class FastUpstream : IAsyncDisposable
{
    private static readonly byte[] Stream = System.Text.Encoding.UTF8.GetBytes(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Short answer.\"}}]}\n\n" +
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":3,\"total_tokens\":13}}\n\n" +
        "data: [DONE]\n\n");

    private WebApplication _app = null!;

    public string BaseUrl { get; private set; } = "";

    public static async Task<FastUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(System.IO.Stream.Null);
            context.Response.ContentType = "text/event-stream";
            await context.Response.Body.WriteAsync(Stream);
        });
        app.MapGet("/v1/models", () => Results.Json(new { data = new[] { new { id = "bench-model" } } }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FastUpstream { _app = app, BaseUrl = address + "/v1" };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
