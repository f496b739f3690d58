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

    /// <summary>Once a frame has begun, each further read of it must arrive within this (a trickled frame is cut).</summary>
    public TimeSpan FrameReadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>WebSockets open on this gateway, all keys together.</summary>
    public int MaxSockets { get; set; } = 1024;

    /// <summary>Frames one socket may send per minute; more are answered with a 429 error frame.</summary>
    public int MaxFramesPerMinute { get; set; } = 600;

    /// <summary>Bytes of history one socket's chain may hold for a response; a larger one is not kept (Codex then resends in full).</summary>
    public long MaxChainBytes { get; set; } = 128L * 1024 * 1024;

    public static bool IsValid(WebSocketSettings settings) =>
        settings.MaxSockets > 0 && settings.MaxFramesPerMinute > 0 && settings.MaxChainBytes > 0
        && settings.FrameReadTimeout > TimeSpan.Zero && settings.IdleTimeout > TimeSpan.Zero;
}
