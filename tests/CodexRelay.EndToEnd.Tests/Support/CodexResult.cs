namespace CodexRelay.EndToEnd.Tests.Support;

/// <summary>The outcome of one <c>codex exec</c>.</summary>
internal sealed record CodexResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
