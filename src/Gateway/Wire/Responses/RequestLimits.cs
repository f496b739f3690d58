namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// Caps on what one request may ask the relay to translate (section <c>CodexRelay:Limits</c>). Generous: a long
/// Codex session carries thousands of items, so the defaults sit far above that and only stop a hostile body.
/// </summary>
internal sealed class RequestLimits
{
    public const string SectionName = "Limits";

    public static RequestLimits Default { get; } = new();

    /// <summary>Items in <c>input</c>.</summary>
    public int MaxInputItems { get; set; } = 50_000;

    /// <summary>Tools, counting each member of a namespace.</summary>
    public int MaxTools { get; set; } = 4_096;

    /// <summary>Content parts over all items of the request.</summary>
    public int MaxContentParts { get; set; } = 100_000;

    /// <summary>Characters of the model name (OpenAI's ids are a few dozen).</summary>
    public const int MaxModelLength = 256;
}
