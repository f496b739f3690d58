namespace CodexRelay.Gateway.Configuration;

/// <summary>
/// Section <c>CodexRelay:Auth</c>: who may use the relay. <see cref="Mode"/> <c>none</c> serves anyone (the client's
/// bearer goes upstream when the relay has no key); <c>keys</c> needs a relay key. Unset, loopback means <c>none</c>
/// and any other listen address <c>keys</c>.
/// </summary>
internal sealed class AuthOptions
{
    public const string SectionName = "CodexRelay:Auth";

    public const string NoneMode = "none";

    public const string KeysMode = "keys";

    public string? Mode { get; set; }

    /// <summary>How long a gateway trusts a key lookup (valid or not) before asking the cluster again.</summary>
    public int CacheSeconds { get; set; } = 30;

    /// <summary>Comma-separated admin keys for <c>/admin</c> (<c>CODEX_RELAY_ADMIN_KEY</c>); none: <c>/admin</c> answers 404.</summary>
    public string? AdminKeys { get; set; }

    /// <summary>Keys declared in configuration, by hash, for setups without the admin API.</summary>
    public List<ConfiguredKey> Keys { get; set; } = [];

    /// <summary>Failed authentications a client address may make per minute before it is refused without a lookup.</summary>
    public int FailuresPerMinute { get; set; } = 30;

    /// <summary>WebSockets one key may hold open on one gateway.</summary>
    public int MaxSocketsPerKey { get; set; } = 16;

    public string EffectiveMode(string host) =>
        Mode?.Trim().ToLowerInvariant() is { Length: > 0 } mode ? mode : IsLoopback(host) ? NoneMode : KeysMode;

    public IReadOnlyList<string> AdminKeyList() => ModelPattern.Split(AdminKeys);

    public static bool IsLoopback(string host) =>
        host is "localhost" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
}
