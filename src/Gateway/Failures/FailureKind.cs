namespace CodexRelay.Gateway.Failures;

/// <summary>
/// Every failure the relay reports, closed like YARP's <c>ForwarderError</c>. <see cref="FailureTable"/> says
/// how each looks: an HTTP status before the first byte, <c>response.failed</c> after it, an error frame on a socket.
/// </summary>
internal enum FailureKind
{
    // The client's request.
    InvalidJson,
    InvalidRequest,
    RequestTooLarge,
    UnsupportedMediaType,
    PreviousResponseNotFound,
    ResponseNotFound,
    RouteNotFound,
    MethodNotAllowed,
    WebSocketsDisabled,
    OriginNotAllowed,

    // Who is asking and what they may spend.
    Unauthorized,
    ModelNotAllowed,
    RateLimited,
    QuotaExhausted,
    KeyStoreUnavailable,

    // The relay itself.
    NotReady,
    HistoryUnavailable,
    CatalogUnavailable,
    InternalError,

    // The provider, before the first byte.
    ContextLengthExceeded,
    UpstreamBadRequest,
    UpstreamNotFound,
    UpstreamUnauthorized,
    UpstreamForbidden,
    UpstreamPayloadTooLarge,
    UpstreamRateLimited,
    UpstreamOverloaded,
    UpstreamError,
    UpstreamUnreachable,
    UpstreamTimeout,
    ProviderUnavailable,

    // The provider, after the first byte.
    UpstreamIdleTimeout,
    UpstreamStreamError,
    StreamTruncated,
    StreamBroken,
    MalformedChunk,
    StreamLimitExceeded,
}
