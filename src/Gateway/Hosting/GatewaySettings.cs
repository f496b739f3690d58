using CodexRelay.Gateway.Admin;
using CodexRelay.Grains.Hosting.Settings;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// Every setting of the gateway: its own, then the cluster's and history's (a gateway co-hosts a silo in its
/// embedded mode). The one source of the flag parser, <c>--help</c> and README's configuration table.
/// </summary>
internal static class GatewaySettings
{
    public static IReadOnlyList<RelaySetting> Own { get; } =
    [
        RelaySetting.Named("config", "CodexRelay:ConfigFile", "file", "(none)", "A JSON settings file (e.g. Providers and Routes), read over appsettings.json and under variables and flags."),
        RelaySetting.Named("port", "CodexRelay:Port", "n", "4444", "Listen port; wins over ASPNETCORE_URLS."),
        RelaySetting.Named("host", "CodexRelay:Host", "addr", "127.0.0.1", "Listen address; loopback unless you open it."),
        RelaySetting.Named("upstream", "CodexRelay:Upstream:BaseUrl", "url", "https://openrouter.ai/api/v1", "Chat Completions base URL of the provider."),
        RelaySetting.Named("api-key", "CodexRelay:Upstream:ApiKey", "key", "(empty)", "The provider's key, never logged; empty forwards the client's bearer. Prefer the variable to the flag."),
        new("CodexRelay:Upstream:ApiKeyFile", "(none)", "A file holding the provider's key (a mounted secret), re-read when it changes; wins over the key."),
        new("CodexRelay:Providers", "(none)", "Named providers (BaseUrl, ApiKey or ApiKeyFile, ModelMap, Headers, ReplayReasoning auto, always or never, MaxConcurrentRequests, ConnectTimeout, HeadersTimeout, IdleTimeout); see Providers."),
        new("CodexRelay:Routes", "(* to default)", "Ordered { Models: pattern, Providers: [names] }; first match wins, providers tried in order; the upstream's route * to default comes last."),
        new("CodexRelay:CircuitBreaker:FailureThreshold", "3", "Failures before the first byte in a row that open a provider's breaker."),
        new("CodexRelay:CircuitBreaker:BreakDuration", "00:00:30", "How long an open breaker skips its provider before one trial request."),
        new("CodexRelay:ModelsRefreshInterval", "00:05:00", "How often /v1/models refreshes each keyed provider's list in the background."),
        RelaySetting.Named("auth", "CodexRelay:Auth:Mode", "mode", "none on loopback, keys otherwise", "none serves anyone; keys needs a relay key (crk_...) per request. none on a non-loopback address logs a warning."),
        new("CodexRelay:Auth:AdminKeys", "(none: /admin answers 404)", "Comma-separated admin keys for /admin and the codex-relay keys/usage commands; secrets.") { Variable = "CODEX_RELAY_ADMIN_KEY" },
        new("CodexRelay:Auth:CacheSeconds", "30", "How long a gateway trusts a key lookup; a revoked key stops within this time everywhere."),
        new("CodexRelay:Auth:FailuresPerMinute", "30", "Failed authentications per client address per minute before lookups stop for it."),
        new("CodexRelay:Auth:MaxSocketsPerKey", "16", "WebSockets one key may hold open on one gateway."),
        new("CodexRelay:Auth:Keys", "(none)", "Keys declared by hash (Hash, Tenant, User, Models, RequestsPerMinute, TokensPerDay, ConcurrentRequests, ExpiresAt) for setups without the admin API."),
        RelaySetting.Named("model-map", "CodexRelay:ModelMap", "map", "(empty)", "Comma-separated source:target model renames."),
        RelaySetting.Named("tool-denylist", "CodexRelay:ToolDenylist", "names", "(empty)", "Comma-separated tool or namespace names never sent upstream."),
        RelaySetting.Named("reasoning-replay-models", "CodexRelay:ReasoningReplayModels", "patterns", "deepseek*,kimi*,moonshot*", "Models whose every assistant message carries reasoning_content (an override: relay-made reasoning goes back without it)."),
        RelaySetting.Named("disable-quirks", "CodexRelay:Quirks:Disabled", "names", "(empty)", "Comma-separated provider quirks turned off."),
        RelaySetting.Named("websockets", "CodexRelay:WebSockets:Enabled", "bool", "true", "false answers 426 to WebSocket upgrades, which moves Codex to HTTP."),
        RelaySetting.Named("catalog-models", "CodexRelay:Catalog:Models", "patterns", "(mapped and configured models)", "Models the Codex catalog lists (* wildcard); it stays under 1 MiB."),
        RelaySetting.Named("catalog-template", "CodexRelay:Catalog:TemplateFile", "file", "(runs codex debug models --bundled)", "Codex's own catalog, the source of each entry's instructions."),
        RelaySetting.Named("catalog-template-model", "CodexRelay:Catalog:TemplateModel", "slug", "(smallest listed entry)", "The template entry copied for each model."),
        RelaySetting.Named("codex", "CodexRelay:Catalog:CodexPath", "path", "codex on PATH", "The Codex CLI that prints the catalog template."),
        new("CodexRelay:MaxRequestBodyBytes", "67108864", "Largest request body or WebSocket frame; larger is a 413."),
        new("CodexRelay:Limits:MaxInputItems", "50000", "Input items one request may carry (a long Codex session has thousands); more is a 400."),
        new("CodexRelay:Limits:MaxTools", "4096", "Tools one request may declare, each namespace member counted; more is a 400."),
        new("CodexRelay:Limits:MaxContentParts", "100000", "Content parts over all input items of one request; more is a 400."),
        new("CodexRelay:InlineScheduling", "true", "Kestrel runs request code on the thread that read the request instead of handing it to another (two hand-offs fewer per request); false restores Kestrel's default."),
        new("CodexRelay:SocketBufferBlockBytes", "65536", "Block size Kestrel reads connections into (a 40 KB turn in one read, not ten); idle connections hold none; 0 keeps Kestrel's 4 KB pool."),
        new("CodexRelay:DrainTimeout", "00:00:30", "On SIGTERM readiness turns false and in-flight responses get this long."),
        new("CodexRelay:Upstream:MaxRetries", "1", "Retries before the first byte only (connection errors, 502/503/504)."),
        new("CodexRelay:Upstream:ConnectTimeout", "00:00:10", "Connecting to the provider."),
        new("CodexRelay:Upstream:HeadersTimeout", "00:02:00", "Waiting for the provider's response headers."),
        new("CodexRelay:Upstream:IdleTimeout", "00:02:00", "Longest silence between two upstream chunks (keep-alive comments count); well under Codex's 300 s."),
        new("CodexRelay:Upstream:MaxStreamDuration", "04:00:00", "Longest upstream stream; longer ends in response.failed."),
        new("CodexRelay:Upstream:MaxStreamBytes", "1073741824", "Most bytes of one upstream stream; more ends in response.failed."),
        new("CodexRelay:Upstream:MaxEventBytes", "16777216", "Longest SSE line from the upstream; longer ends in response.failed."),
        new("CodexRelay:Upstream:MaxBodyBytes", "4194304", "Largest upstream error body or /models answer read."),
        new("CodexRelay:Upstream:BodyTimeout", "00:00:30", "Longest read of an upstream error body or /models answer."),
        new("CodexRelay:Browser:AllowedHosts", "(localhost, 127.0.0.1, [::1])", "More host names a loopback relay answers to; any other Host is refused (DNS rebinding)."),
        new("CodexRelay:Browser:AllowedOrigins", "(none)", "Origins allowed to open the WebSocket; requests without Origin (Codex) always are."),
        new("CodexRelay:WebSockets:PingInterval", "00:00:30", "WebSocket keep-alive pings."),
        new("CodexRelay:WebSockets:IdleTimeout", "00:30:00", "A socket with no request for this long is closed."),
        new("CodexRelay:WebSockets:FrameReadTimeout", "00:01:00", "Once a frame has begun, each further read of it must arrive within this."),
        new("CodexRelay:WebSockets:MaxSockets", "1024", "WebSockets open on one gateway, all keys together; more are a 429."),
        new("CodexRelay:WebSockets:MaxFramesPerMinute", "600", "Requests one socket may send a minute; more get a 429 error frame."),
        new("CodexRelay:WebSockets:MaxChainBytes", "134217728", "History bytes a socket keeps for chaining one response; larger is not kept (Codex resends in full)."),
        new(StartupWarmUp.RoundsKey, "5", "Rounds of 40 synthetic requests through parse, translation and the stream machine (no I/O) before the gateway reports ready, so the first users do not meet unoptimized code; 0 turns it off."),
        new(ServingWarmUp.RoundsKey, "(8 when Host is not loopback, else 0)", "At most this many rounds of 120 HTTP requests and 41 WebSocket frames (one socket, as Codex uses it) the gateway sends itself (blocking and streamed, against an in-process loopback upstream; never charged, logged, traced or stored) before it reports ready, so the first users after a start or scale-out meet warm Kestrel, WebSocket, HTTP client and stream code; it stops once a round and the JIT's background work after it compile next to nothing (10–20 s on two cores); 0 turns it off."),
        new(GatewayBoardPublisher.IntervalKey, "00:00:05", "How often this gateway publishes its counters to the cluster board the dashboard reads; silent for three intervals shows as silent."),
    ];

    public static IReadOnlyList<RelaySetting> All { get; } = [.. Own, .. TelemetrySettingsTable.All, .. ClusterSettingsTable.All];

    /// <summary>Parses flags against the table (and the caller's commands); unknown flags are errors.</summary>
    public static SettingsParse Parse(IReadOnlyList<string> args, IReadOnlyList<CommandOption> commands) =>
        new SettingsCommandLine(All, commands).Parse(args);
}
