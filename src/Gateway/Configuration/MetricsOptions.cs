namespace CodexRelay.Gateway.Configuration;

/// <summary>
/// Section <c>CodexRelay:Metrics</c>: <c>/metrics</c>. In <c>keys</c> mode it answers to an admin key or one of
/// <see cref="Keys"/> (so Prometheus holds no admin power) unless <see cref="Anonymous"/>; in <c>none</c> mode to anyone.
/// </summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "CodexRelay:Metrics";

    public bool Enabled { get; set; } = true;

    public bool Anonymous { get; set; }

    /// <summary>Comma-separated metrics keys (<c>CODEX_RELAY_METRICS_KEY</c>); never logged.</summary>
    public string? Keys { get; set; }

    public IReadOnlyList<string> KeyList() => ModelPattern.Split(Keys);
}
