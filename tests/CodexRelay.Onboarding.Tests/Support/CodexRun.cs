namespace CodexRelay.Onboarding.Tests.Support;

/// <summary>Runs the real Codex CLI with a throw-away CODEX_HOME holding the given config.toml (CODEX-WIRE.md §1).</summary>
internal sealed class CodexRun : IDisposable
{
    public const string ClientKey = "sk-test-client-key-123";

    private readonly TempDirectory _home = new("codex-home-");
    private readonly TempDirectory _work = new("codex-work-");

    public CodexRun(string configToml) => File.WriteAllText(_home.Combine("config.toml"), configToml);

    public string Home => _home.Path;

    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(
            RepoPaths.Codex(),
            arguments,
            new Dictionary<string, string>
            {
                ["CODEX_HOME"] = _home.Path,
                ["CODEX_RELAY_API_KEY"] = ClientKey,
                ["RUST_LOG"] = "warn",
            },
            _work.Path,
            TimeSpan.FromSeconds(90));

    /// <summary><c>codex [--strict-config] exec --skip-git-repo-check --ephemeral --dangerously-bypass-approvals-and-sandbox PROMPT</c>.</summary>
    public Task<ProcessResult> ExecAsync(string prompt, bool strictConfig = true)
    {
        string[] strict = strictConfig ? ["--strict-config"] : [];
        return RunAsync([.. strict, "exec", "--skip-git-repo-check", "--ephemeral", "--dangerously-bypass-approvals-and-sandbox", prompt]);
    }

    public void Dispose()
    {
        _home.Dispose();
        _work.Dispose();
    }
}
