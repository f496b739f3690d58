namespace CodexRelay.Gateway.Failures;

/// <summary>Client-controlled values quoted in messages are cut, so an error never echoes unbounded input.</summary>
internal static class FailureText
{
    public const int MaxQuoted = 200;

    public static string Quote(string value) => value.Length <= MaxQuoted ? value : string.Concat(value.AsSpan(0, MaxQuoted), "…");
}
