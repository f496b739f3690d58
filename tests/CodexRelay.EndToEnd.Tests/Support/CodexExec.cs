using System.Diagnostics;

namespace CodexRelay.EndToEnd.Tests.Support;

/// <summary>Runs the real Codex CLI against a relay as CODEX-WIRE.md §1 describes: throw-away home, stdin closed, a hard timeout.</summary>
internal sealed class CodexExec : IDisposable
{
    public const string ClientKey = "sk-client-key-for-tests";

    public CodexExec()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(WorkDirectory);
    }

    public string Home { get; } = Path.Combine(Path.GetTempPath(), "codexrelay-home-" + Guid.NewGuid().ToString("N"));

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "codexrelay-work-" + Guid.NewGuid().ToString("N"));

    /// <summary>Runs <c>codex exec PROMPT</c> through the relay at <paramref name="relayApi"/> (…/v1).</summary>
    public async Task<CodexResult> RunAsync(Uri relayApi, string model, string prompt, bool webSockets = false, IEnumerable<string>? extraConfig = null)
    {
        var start = new ProcessStartInfo(TestPaths.Codex())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WorkDirectory,
        };
        var provider = $"{{name=\"CodexRelay\",base_url=\"{relayApi.ToString().TrimEnd('/')}\",env_key=\"RELAY_TEST_KEY\",wire_api=\"responses\",supports_websockets={(webSockets ? "true" : "false")},stream_max_retries=1,request_max_retries=1}}";
        string[] arguments =
        [
            "exec", "--skip-git-repo-check", "--ephemeral", "--dangerously-bypass-approvals-and-sandbox",
            "-c", $"model=\"{model}\"", "-c", "model_provider=\"relay\"", "-c", $"model_providers.relay={provider}",
            "-c", "web_search=\"disabled\"",
            .. (extraConfig ?? []).SelectMany(c => new[] { "-c", c }),
            prompt,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CODEX_HOME"] = Home;
        start.Environment["RELAY_TEST_KEY"] = ClientKey;
        start.Environment["RUST_LOG"] = "warn";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new CodexResult(-1, await stdout, await stderr + "\n(killed after 120 s)");
        }

        return new CodexResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        foreach (var directory in new[] { Home, WorkDirectory })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: temp folders.
            }
        }
    }
}
