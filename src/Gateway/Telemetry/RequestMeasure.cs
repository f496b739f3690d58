using System.Diagnostics;

namespace CodexRelay.Gateway.Telemetry;

/// <summary>
/// What one request (an HTTP request, or one <c>response.create</c> on a socket) learned on its way through the relay:
/// filled by the layers that know each part, read once at the end for the metrics and the access line. Never content.
/// </summary>
internal sealed class RequestMeasure
{
    public long Started { get; } = Stopwatch.GetTimestamp();

    public string Route { get; set; } = "";

    /// <summary>The start-up warm-up's own request: served, but never counted, logged, traced or charged.</summary>
    public bool WarmUp { get; set; }

    public string? Model { get; set; }

    public string? ServedModel { get; set; }

    public string Provider { get; set; } = RelayTelemetry.DefaultProvider;

    public string? Tenant { get; set; }

    public int Status { get; set; }

    /// <summary>The failure's code when the request failed (before or after its first byte).</summary>
    public string? ErrorCode { get; set; }

    public string? FinishReason { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long CachedTokens { get; set; }

    public long ReasoningTokens { get; set; }

    /// <summary>When the upstream request went out (0: it never did).</summary>
    public long UpstreamSent { get; set; }

    /// <summary>When the first upstream chunk reached the client (0: none did).</summary>
    public long FirstByte { get; set; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Started);

    public TimeSpan? TimeToFirstByte => FirstByte == 0 ? null : Stopwatch.GetElapsedTime(Started, FirstByte);

    public TimeSpan? UpstreamTimeToFirstToken => FirstByte == 0 || UpstreamSent == 0 ? null : Stopwatch.GetElapsedTime(UpstreamSent, FirstByte);

    public void MarkFirstByte()
    {
        if (FirstByte == 0)
        {
            FirstByte = Stopwatch.GetTimestamp();
        }
    }
}
