namespace CodexRelay.Gateway.Configuration;

/// <summary>
/// Section <c>CodexRelay:Browser</c>: what keeps a web page from using a relay on a developer's machine.
/// </summary>
internal sealed class BrowserSafetyOptions
{
    public const string SectionName = "CodexRelay:Browser";

    /// <summary>Comma-separated host names a loopback relay answers to besides localhost, 127.0.0.1 and [::1] (DNS rebinding).</summary>
    public string AllowedHosts { get; set; } = "";

    /// <summary>Comma-separated origins allowed to open the WebSocket; a request without Origin (Codex) is always allowed.</summary>
    public string AllowedOrigins { get; set; } = "";
}
