using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Failures;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>
/// Keeps web pages out: a loopback relay answers only to loopback host names (or configured ones), so a DNS-rebound page
/// cannot reach it; JSON endpoints refuse what a page may post without a preflight (<c>text/plain</c>, form types →
/// 415; no Content-Type is read as JSON); a WebSocket upgrade with an <c>Origin</c> not allowed is a 403.
/// </summary>
internal sealed class BrowserSafetyMiddleware(RequestDelegate next, IOptions<BrowserSafetyOptions> options, IOptions<RelayOptions> relay)
{
    private static readonly string[] SimpleContentTypes = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"];
    private readonly HashSet<string> _hosts = [.. ModelPattern.Split(options.Value.AllowedHosts).Concat(["localhost", "127.0.0.1", "[::1]", "::1"]).Select(h => h.ToLowerInvariant())];
    private readonly HashSet<string> _origins = [.. ModelPattern.Split(options.Value.AllowedOrigins).Select(o => o.TrimEnd('/').ToLowerInvariant())];
    private readonly bool _loopback = AuthOptions.IsLoopback(relay.Value.Host);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (_loopback && !_hosts.Contains(request.Host.Host.ToLowerInvariant()))
        {
            return FailureResults.WriteAsync(context, new Failure(FailureKind.OriginNotAllowed, $"This relay answers to localhost only, not to the host '{FailureText.Quote(request.Host.Host)}' (CodexRelay:Browser:AllowedHosts)."));
        }

        if (request.ContentType is { } contentType && SimpleContentTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            return FailureResults.WriteAsync(context, new Failure(FailureKind.UnsupportedMediaType, $"Send JSON (Content-Type: application/json), not {FailureText.Quote(contentType)}."));
        }

        if (context.WebSockets.IsWebSocketRequest && request.Headers.Origin is { Count: > 0 } origin && !_origins.Contains(origin.ToString().TrimEnd('/').ToLowerInvariant()))
        {
            return FailureResults.WriteAsync(context, new Failure(FailureKind.OriginNotAllowed, "WebSockets from web pages are refused (CodexRelay:Browser:AllowedOrigins)."));
        }

        return next(context);
    }
}
