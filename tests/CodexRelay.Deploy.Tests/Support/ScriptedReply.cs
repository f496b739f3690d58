namespace CodexRelay.Deploy.Tests.Support;

/// <summary>One scripted upstream answer: streamed chunks, or an HTTP error.</summary>
internal sealed record ScriptedReply(IReadOnlyList<string> Chunks, int Status = 200, string? ErrorBody = null)
{
    public bool SendDone { get; init; } = true;

    public TimeSpan DelayBetweenChunks { get; init; }

    /// <summary>A <c>retry-after</c> header for error replies.</summary>
    public string? RetryAfter { get; init; }

    public static ScriptedReply Stream(params string[] chunks) => new(chunks);

    public static ScriptedReply Error(int status, string body) => new([], status, body);
}
