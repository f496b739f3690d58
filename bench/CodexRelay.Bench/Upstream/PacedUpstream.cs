using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CodexRelay.Bench.Upstream;

/// <summary>
/// A scripted Chat Completions upstream that paces its chunks (<c>--gap-ms</c>) so the probe can see whether the
/// relay batches them, and saves the first request body it receives (<c>--capture</c>): the relay's translation,
/// which the nginx path is then sent so both paths reach the upstream with the same request.
/// </summary>
internal static class PacedUpstream
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(Option(args, "--port", "0"));
        var chunks = int.Parse(Option(args, "--chunks", "20"));
        var gap = TimeSpan.FromMilliseconds(double.Parse(Option(args, "--gap-ms", "5")));
        var capture = Option(args, "--capture", "");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var captured = 0;
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            if (capture.Length > 0 && Interlocked.Exchange(ref captured, 1) == 0)
            {
                await File.WriteAllBytesAsync(capture, body.ToArray());
            }

            context.Response.ContentType = "text/event-stream";
            await WriteAsync(context, Chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
            for (var i = 0; i < chunks; i++)
            {
                await Task.Delay(gap);
                await WriteAsync(context, Chunk($"{{\"content\":\"w{i} \"}}", null));
            }

            await WriteAsync(context, Chunk("{}", "\"stop\""));
            await WriteAsync(context, "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}\n\n");
            await WriteAsync(context, "data: [DONE]\n\n");
        });
        app.MapGet("/v1/models", () => Results.Text("{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\",\"object\":\"model\"}]}", "application/json"));
        await app.RunAsync();
        return 0;
    }

    public static string Chunk(string delta, string? finish) =>
        $"data: {{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{{\"index\":0,\"delta\":{delta},\"finish_reason\":{finish ?? "null"}}}]}}\n\n";

    private static async Task WriteAsync(HttpContext context, string frame)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame));
        await context.Response.Body.FlushAsync();
    }

    internal static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
