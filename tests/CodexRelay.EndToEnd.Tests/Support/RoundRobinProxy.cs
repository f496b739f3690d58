using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodexRelay.EndToEnd.Tests.Support;

/// <summary>
/// A tiny HTTP load balancer on a loopback port: each request (method, path and query, headers including
/// <c>Authorization</c>, body) goes to the next target in turn — consecutive requests to the same method and path
/// alternate — and the response comes back as it arrives (status, headers, body flushed read by read, so SSE streams
/// through unbuffered). HTTP only; no WebSockets.
/// </summary>
internal sealed class RoundRobinProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Host", "Content-Length",
    };

    private readonly Uri[] _targets;
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = System.Net.DecompressionMethods.None })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly ConcurrentDictionary<string, int> _turns = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(int Target, string Method, string Path, int Status)> _served = new();
    private WebApplication _app = null!;

    private RoundRobinProxy(Uri[] targets) => _targets = targets;

    /// <summary>The proxy's address (http://127.0.0.1:port/).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where the client points its base_url: the proxy's /v1/.</summary>
    public Uri Api => new(BaseAddress, "v1/");

    /// <summary>Every forwarded request: the index of the target that served it, method, path and status.</summary>
    public IReadOnlyList<(int Target, string Method, string Path, int Status)> Served => [.. _served];

    /// <summary>Starts the proxy in front of <paramref name="targets"/> (base addresses such as http://127.0.0.1:port/).</summary>
    public static async Task<RoundRobinProxy> StartAsync(params Uri[] targets)
    {
        var proxy = new RoundRobinProxy(targets);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        proxy._app = app;
        proxy.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var turn = _turns.AddOrUpdate(context.Request.Method + " " + path, 0, (_, previous) => previous + 1);
        var index = turn % _targets.Length;
        var target = new Uri(_targets[index], path.TrimStart('/') + context.Request.QueryString.Value);

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            request.Content.Headers.ContentLength = context.Request.ContentLength;
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        _served.Enqueue((index, context.Request.Method, path, (int)response.StatusCode));
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await context.Response.StartAsync(context.RequestAborted);
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
