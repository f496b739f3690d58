using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.WebSockets;

/// <summary><c>GET /v1/responses</c> with <c>Upgrade: websocket</c>: the Responses API over one socket per Codex process.</summary>
internal static class ResponsesWebSocketEndpoint
{
    public static IEndpointRouteBuilder MapResponsesWebSocket(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/responses", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(
        HttpContext context, ResponseFrontEnd frontEnd, IPrincipalResolver principals, SocketCounter sockets, IOptions<WebSocketSettings> settings,
        IOptions<RelayOptions> relay, IHostApplicationLifetime lifetime, ILogger<ResponsesWebSocketSession> logger, ILoggerFactory logs)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await FailureResults.WriteAsync(context, new Failure(FailureKind.MethodNotAllowed, "Use POST /v1/responses, or open a WebSocket."));
            return;
        }

        if (!settings.Value.Enabled)
        {
            // 426 moves Codex to HTTP at once, for the rest of the process.
            await FailureResults.WriteAsync(context, new Failure(FailureKind.WebSocketsDisabled, "WebSockets are turned off on this relay; use HTTP."));
            return;
        }

        // The key is checked before the 101: a socket is never opened for a client that may not use it.
        var credentials = ClientCredentials.Of(context);
        var (principal, denied) = await principals.ResolveAsync(credentials, context.RequestAborted);
        if (principal is null)
        {
            await FailureResults.WriteAsync(context, denied!);
            return;
        }

        using var slot = sockets.TryOpen(principal.KeyId);
        if (slot is null)
        {
            await FailureResults.WriteAsync(context, new Failure(FailureKind.RateLimited, "Too many open WebSockets on this gateway or for this key (CodexRelay:WebSockets:MaxSockets, CodexRelay:Auth:MaxSocketsPerKey).") { RetryAfter = "5" });
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = settings.Value.PingInterval });
        var session = new ResponsesWebSocketSession(socket, frontEnd, settings.Value, relay.Value.MaxRequestBodyBytes, credentials)
        {
            Access = logs.CreateLogger(AccessLog.Category),
            RequestId = context.TraceIdentifier,
        };
        if (credentials.WarmUp)
        {
            // The serving warm-up's socket: served like any other, seen by no log line or metric.
            await session.RunAsync(context.RequestAborted, lifetime.ApplicationStopping);
            return;
        }

        Log.WebSocketOpened(logger);
        RelayMetrics.SocketOpened();
        try
        {
            var requests = await session.RunAsync(context.RequestAborted, lifetime.ApplicationStopping);
            Log.WebSocketClosed(logger, requests);
        }
        finally
        {
            RelayMetrics.SocketClosed();
        }
    }
}
