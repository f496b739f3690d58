namespace CodexRelay.Gateway.Configuration;

/// <summary>A relay key declared in configuration (<c>CodexRelay:Auth:Keys:N</c>): its SHA-256, never the key.</summary>
internal sealed class ConfiguredKey
{
    /// <summary>Lowercase hex SHA-256 of the key (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Hash { get; set; } = "";

    public string Tenant { get; set; } = "";

    public string User { get; set; } = "";

    /// <summary>Comma-separated model patterns; empty is every model.</summary>
    public string Models { get; set; } = "*";

    public int? RequestsPerMinute { get; set; }

    public long? TokensPerDay { get; set; }

    public int? ConcurrentRequests { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}
