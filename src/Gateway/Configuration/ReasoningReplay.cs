namespace CodexRelay.Gateway.Configuration;

/// <summary>How a provider gets reasoning back on assistant messages (<c>ReplayReasoning</c>).</summary>
internal enum ReasoningReplay
{
    /// <summary>Reasoning the relay made from the provider's <c>reasoning_content</c> goes back as <c>reasoning_content</c>.</summary>
    Auto,

    /// <summary>Every assistant message carries <c>reasoning_content</c>: the reasoning it had (think tags excepted) or an empty one.</summary>
    Always,

    /// <summary>No <c>reasoning_content</c> is ever sent.</summary>
    Never,
}
