namespace CodexRelay.Gateway.WebSockets;

/// <summary>Section <c>CodexRelay:WebSockets</c>.</summary>
internal sealed class WebSocketSettings
{
    public const string SectionName = "CodexRelay:WebSockets";

    /// <summary>When false, upgrades get 426 and Codex moves to HTTP at once.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A socket with no request for this long is closed; Codex reconnects and resends in full.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
