using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Errors;
using CodexRelay.Gateway.Responses;
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
        HttpContext context, ResponsePipeline pipeline, TimeProvider time, IOptions<WebSocketSettings> settings,
        IOptions<RelayOptions> relay, IHostApplicationLifetime lifetime, ILogger<ResponsesWebSocketSession> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RelayErrorResults.WriteAsync(context, new RelayError(405, "invalid_request_error", "method_not_allowed", "Use POST /v1/responses, or open a WebSocket."));
            return;
        }

        if (!settings.Value.Enabled)
        {
            // 426 moves Codex to HTTP at once, for the rest of the process.
            await RelayErrorResults.WriteAsync(context, new RelayError(426, "invalid_request_error", "websockets_disabled", "WebSockets are turned off on this relay; use HTTP."));
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = settings.Value.PingInterval });
        var session = new ResponsesWebSocketSession(socket, pipeline, time, settings.Value, relay.Value.MaxRequestBodyBytes, context.Request.Headers.Authorization);
        Log.WebSocketOpened(logger);
        var requests = await session.RunAsync(context.RequestAborted, lifetime.ApplicationStopping);
        Log.WebSocketClosed(logger, requests);
    }
}
