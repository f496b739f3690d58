using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Configuration;

/// <summary>The relay's settings (section <c>CodexRelay</c>; the seed's flags and variables map onto it).</summary>
internal sealed class RelayOptions
{
    public const string SectionName = "CodexRelay";

    public const int DefaultPort = 4444;

    /// <summary>Listening port (<c>--port</c> / <c>CODEX_RELAY_PORT</c>).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Listening address; loopback unless an operator opens it (<c>--host</c> / <c>CODEX_RELAY_HOST</c>).</summary>
    public string Host { get; set; } = "127.0.0.1";

    public UpstreamOptions Upstream { get; set; } = new();

    public QuirkSettings Quirks { get; set; } = new();

    /// <summary>Named providers besides <c>default</c> (the <see cref="Upstream"/> settings).</summary>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Model pattern → providers, first match wins; the route <c>*</c> → <c>default</c> follows them.</summary>
    public List<RouteOptions> Routes { get; set; } = [];

    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>How often the union model list is refreshed in the background.</summary>
    public TimeSpan ModelsRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>source:target,...</c> (<c>CODEX_RELAY_MODEL_MAP</c>).</summary>
    public string? ModelMap { get; set; }

    /// <summary>Comma-separated tool names never sent upstream (<c>CODEX_RELAY_TOOL_DENYLIST</c>).</summary>
    public string? ToolDenylist { get; set; }

    /// <summary>
    /// Comma-separated model name patterns (<c>*</c> wildcard) whose assistant messages must carry
    /// their <c>reasoning_content</c> back (DeepSeek thinking mode, Kimi). Other providers reject the field.
    /// </summary>
    public string ReasoningReplayModels { get; set; } = "deepseek*,kimi*,moonshot*";

    /// <summary>On SIGTERM: readiness turns false, then in-flight streams get this long to finish.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Kestrel runs a connection's request code on the thread that received its bytes, and writes responses on the
    /// thread that flushes them, instead of handing each to another thread-pool thread (<c>UnsafePreferInlineScheduling</c>).
    /// Saves two hand-offs per request (45–63 µs p50 at one connection on two cores, docs/performance.md); safe because
    /// nothing in the relay blocks a thread (no synchronous I/O, logs written by their own threads).
    /// </summary>
    public bool InlineScheduling { get; set; } = true;

    /// <summary>
    /// Size of the blocks Kestrel reads and writes connections through (<see cref="Hosting.LargeBlockMemoryPool"/>).
    /// Kestrel reads a socket into the free space of one block, so its own 4 KB blocks read a 40 KB Codex turn in ten
    /// reads; 64 KB reads it in one or two (turn2 −42 to −107 µs p50 at one connection, docs/performance.md). 0 keeps
    /// Kestrel's own pool. Blocks are taken only when bytes arrive: an idle connection holds none.
    /// </summary>
    public int SocketBufferBlockBytes { get; set; } = 64 * 1024;

    /// <summary>Largest accepted request body (Codex image attachments need room).</summary>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Caps on input items, tools and content parts per request (<c>CodexRelay:Limits:*</c>).</summary>
    public RequestLimits Limits { get; set; } = new();
}

internal sealed class UpstreamOptions
{
    public const string DefaultBaseUrl = "https://openrouter.ai/api/v1";

    /// <summary>Chat Completions base URL (<c>--upstream</c> / <c>CODEX_RELAY_UPSTREAM</c>).</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The upstream key; when empty the client's bearer token is forwarded. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A file holding the key (a mounted secret), re-read when it changes; wins over <see cref="ApiKey"/>.</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>
    /// Set by hosting: whether <c>--upstream</c> / <c>CODEX_RELAY_UPSTREAM</c> was given. With named providers the
    /// provider <c>default</c> and its route <c>*</c> exist only then.
    /// </summary>
    public bool Configured { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries before the first byte only (connection errors, 502/503/504); Codex itself retries too.</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>The longest <c>retry-after</c> the relay waits itself; longer ones go back to the client.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan HeadersTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Longest silence between two upstream chunks; well under Codex's 300 s.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Longest whole stream; an endless one is cut with <c>response.failed</c>.</summary>
    public TimeSpan MaxStreamDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Most bytes one streamed answer may carry.</summary>
    public long MaxStreamBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Longest SSE line (one event's data); the parser buffers a line whole, so an endless one is cut here.</summary>
    public long MaxEventBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Largest error body or <c>/models</c> answer the relay reads.</summary>
    public long MaxBodyBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Longest read of an error body or a <c>/models</c> answer.</summary>
    public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
