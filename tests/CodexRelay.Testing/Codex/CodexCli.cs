using CodexRelay.Testing.Files;
using CodexRelay.Testing.Processes;

namespace CodexRelay.Testing.Codex;

/// <summary>
/// Runs the real Codex CLI as CODEX-WIRE.md §1 describes: a throw-away CODEX_HOME and working folder, stdin closed,
/// a hard timeout. The relay is named either by a config.toml (what <c>codex-relay --print-config</c> prints) or by
/// <c>-c</c> flags (<see cref="ExecAsync(Uri, string, string, bool, IEnumerable{string}?)"/>).
/// </summary>
public sealed class CodexCli : IDisposable
{
    /// <summary>The client key Codex sends as its bearer token, from <see cref="KeyVariable"/>.</summary>
    public const string ClientKey = "sk-test-client-key-123";

    /// <summary>The <c>env_key</c> of the relay provider, as the printed config names it.</summary>
    public const string KeyVariable = "CODEX_RELAY_API_KEY";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly string[] ExecFlags = ["exec", "--skip-git-repo-check", "--ephemeral", "--dangerously-bypass-approvals-and-sandbox"];
    private readonly TempDirectory _home = new("codex-home-");
    private readonly TempDirectory _work = new("codex-work-");

    /// <summary>A fresh Codex home, holding <paramref name="configToml"/> as its config.toml when given.</summary>
    public CodexCli(string? configToml = null)
    {
        if (configToml is not null)
        {
            File.WriteAllText(_home.Combine("config.toml"), configToml);
        }
    }

    public string Home => _home.Path;

    /// <summary>The working folder Codex runs (and its tools write) in.</summary>
    public string WorkDirectory => _work.Path;

    /// <summary><c>codex ARGUMENTS</c>.</summary>
    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(
            TestPaths.Codex(),
            arguments,
            new Dictionary<string, string> { ["CODEX_HOME"] = Home, [KeyVariable] = ClientKey, ["RUST_LOG"] = "warn" },
            WorkDirectory,
            Timeout);

    /// <summary><c>codex [--strict-config] exec … PROMPT</c> with the config.toml this home was made with.</summary>
    public Task<ProcessResult> ExecAsync(string prompt, bool strictConfig = true)
    {
        string[] strict = strictConfig ? ["--strict-config"] : [];
        return RunAsync([.. strict, .. ExecFlags, prompt]);
    }

    /// <summary><c>codex exec PROMPT</c> through the relay at <paramref name="relayApi"/> (…/v1), the provider given as <c>-c</c> flags.</summary>
    public Task<ProcessResult> ExecAsync(Uri relayApi, string model, string prompt, bool webSockets = false, IEnumerable<string>? extraConfig = null)
    {
        var provider = $"{{name=\"CodexRelay\",base_url=\"{relayApi.ToString().TrimEnd('/')}\",env_key=\"{KeyVariable}\",wire_api=\"responses\","
            + $"supports_websockets={(webSockets ? "true" : "false")},stream_max_retries=1,request_max_retries=1}}";
        string[] config = [$"model=\"{model}\"", "model_provider=\"relay\"", $"model_providers.relay={provider}", "web_search=\"disabled\"", .. (extraConfig ?? [])];
        return RunAsync([.. ExecFlags, .. config.SelectMany(c => new[] { "-c", c }), prompt]);
    }

    public void Dispose()
    {
        _home.Dispose();
        _work.Dispose();
    }
}
