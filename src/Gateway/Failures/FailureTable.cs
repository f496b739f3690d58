namespace CodexRelay.Gateway.Failures;

/// <summary>
/// The one table of failures. Before the first byte a failure is its HTTP status with
/// <c>{"error":{type, code, message, param}}</c>; after it, <c>response.failed</c> carrying <c>{code, message}</c>;
/// on a WebSocket, an <c>error</c> frame with the status and the same error object. Codex's reading of these
/// (CODEX-WIRE.md §7): 429 waits <c>retry-after</c> and retries, <c>insufficient_quota</c> stops, 5xx retry,
/// <c>context_length_exceeded</c> compacts, other 4xx stop.
/// </summary>
internal static class FailureTable
{
    private const string InvalidRequest = "invalid_request_error";
    private const string Server = "server_error";
    private const string Upstream = "upstream_error";

    public static FailureShape Of(FailureKind kind) => kind switch
    {
        FailureKind.InvalidJson => new(400, InvalidRequest, "invalid_json"),
        FailureKind.InvalidRequest => new(400, InvalidRequest, "invalid_request"),
        FailureKind.RequestTooLarge => new(413, InvalidRequest, "request_too_large"),
        FailureKind.UnsupportedMediaType => new(415, InvalidRequest, "unsupported_media_type"),
        FailureKind.PreviousResponseNotFound => new(400, InvalidRequest, "previous_response_not_found", "previous_response_id"),
        FailureKind.ResponseNotFound => new(404, InvalidRequest, "not_found", "response_id"),
        FailureKind.RouteNotFound => new(404, InvalidRequest, "not_found"),
        FailureKind.MethodNotAllowed => new(405, InvalidRequest, "method_not_allowed"),
        FailureKind.WebSocketsDisabled => new(426, InvalidRequest, "websockets_disabled"),
        FailureKind.OriginNotAllowed => new(403, InvalidRequest, "origin_not_allowed"),

        FailureKind.Unauthorized => new(401, InvalidRequest, "invalid_api_key"),
        FailureKind.ModelNotAllowed => new(404, InvalidRequest, "model_not_found", "model"),
        FailureKind.RateLimited => new(429, "requests", "rate_limit_exceeded"),
        FailureKind.QuotaExhausted => new(429, "insufficient_quota", "insufficient_quota"),
        FailureKind.KeyStoreUnavailable => new(503, Server, "key_store_unavailable"),

        FailureKind.NotReady => new(503, Server, "not_ready"),
        FailureKind.HistoryUnavailable => new(503, Server, "history_unavailable"),
        FailureKind.CatalogUnavailable => new(503, Server, "catalog_template_unavailable"),
        FailureKind.InternalError => new(500, Server, "server_error"),

        FailureKind.ContextLengthExceeded => new(400, InvalidRequest, "context_length_exceeded"),
        FailureKind.UpstreamBadRequest => new(400, InvalidRequest, null),
        FailureKind.UpstreamNotFound => new(404, InvalidRequest, null),
        FailureKind.UpstreamUnauthorized => new(401, "authentication_error", null),
        FailureKind.UpstreamForbidden => new(403, "authentication_error", null),
        FailureKind.UpstreamPayloadTooLarge => new(413, InvalidRequest, "request_too_large"),
        FailureKind.UpstreamRateLimited => new(429, "rate_limit_error", "rate_limit_exceeded"),
        FailureKind.UpstreamOverloaded => new(503, Server, "server_is_overloaded"),
        FailureKind.UpstreamError => new(502, Upstream, "upstream_error"),
        FailureKind.UpstreamUnreachable => new(502, Upstream, "upstream_unreachable"),
        FailureKind.UpstreamTimeout => new(504, Upstream, "upstream_timeout"),
        FailureKind.ProviderUnavailable => new(503, Server, "provider_unavailable"),

        FailureKind.UpstreamIdleTimeout => new(504, Upstream, "upstream_idle_timeout"),
        FailureKind.UpstreamStreamError => new(502, Upstream, "upstream_error"),
        FailureKind.StreamTruncated => new(502, Upstream, "stream_truncated"),
        FailureKind.StreamBroken => new(502, Upstream, "stream_error"),
        FailureKind.MalformedChunk => new(502, Upstream, "malformed_chunk"),
        FailureKind.StreamLimitExceeded => new(502, Upstream, "stream_limit_exceeded"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A failure kind without a row in the failure table."),
    };
}
