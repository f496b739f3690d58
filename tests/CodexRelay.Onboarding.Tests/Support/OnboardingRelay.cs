using System.Globalization;
using CodexRelay.Gateway.Cli;
using CodexRelay.Gateway.Embedding;
using CodexRelay.Testing.Files;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.Onboarding.Tests.Support;

/// <summary>
/// The onboarding setup on top of <see cref="RelayHarness"/>: an upstream listing two models that answers "ok", a
/// relay mapping <see cref="Alias"/> to the first, and what <c>--print-config</c> prints for it. Stays here because
/// <see cref="PrintConfigCommand"/> is internal to the Gateway.
/// </summary>
internal static class OnboardingRelay
{
    public const string Alias = "codex-test";

    /// <summary>The model the upstream lists first, which <see cref="Alias"/> maps to.</summary>
    public const string UpstreamModel = "fake-chat";

    /// <summary>The relay maps <see cref="Alias"/> to the fake model and prints its catalog template with the real CLI.</summary>
    public static async Task<RelayHarness> StartAsync()
    {
        var upstream = await StartUpstreamAsync();
        return await RelayHarness.StartAsync(upstream, new RelayStartOptions
        {
            Upstream = upstream.BaseAddress.ToString(),
            ModelMap = $"{Alias}:{UpstreamModel}",
            CodexPath = TestPaths.Codex(),
        });
    }

    /// <summary>A strict upstream listing two models that answers every chat request with "ok".</summary>
    public static async Task<StrictChatUpstream> StartUpstreamAsync()
    {
        var upstream = await StrictChatUpstream.StartAsync(UpstreamModel, "fake-other");
        upstream.DefaultReply = ScriptedReply.Stream(Chunks.Answer("ok"));
        return upstream;
    }

    /// <summary>What <c>codex-relay --print-config</c> prints for this relay.</summary>
    public static async Task<(int ExitCode, string Config, string Errors)> PrintConfigAsync(this RelayHarness relay, params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] args = ["--print-config", "--port", relay.Port.ToString(CultureInfo.InvariantCulture),
            "--upstream", relay.Upstream.BaseAddress.ToString(), "--model-map", $"{Alias}:{UpstreamModel}", "--codex", TestPaths.Codex(), .. extra];
        var exitCode = await PrintConfigCommand.RunAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
