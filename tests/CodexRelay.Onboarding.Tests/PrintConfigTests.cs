using CodexRelay.Gateway.Cli;
using CodexRelay.Onboarding.Tests.Support;
using CodexRelay.Testing.Processes;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.Onboarding.Tests;

public sealed class PrintConfigTests
{
    [Fact]
    public async Task PrintConfig_UnreachableUpstream_ExitsNonZeroWithMessage()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await PrintConfigCommand.RunAsync(["--print-config", "--upstream", $"http://127.0.0.1:{FreePorts.Next()}/v1"], stdout, stderr);

        Assert.Equal(PrintConfigCommand.UpstreamUnreachable, exitCode);
        Assert.Contains("cannot reach the upstream", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public async Task PrintConfig_ReachableUpstream_PointsCodexAtTheRelay()
    {
        await using var upstream = await OnboardingRelay.StartUpstreamAsync();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await PrintConfigCommand.RunAsync(["--print-config", "--port", "4999", "--upstream", upstream.BaseAddress.ToString()], stdout, stderr);

        Assert.Equal(0, exitCode);
        var config = stdout.ToString();
        Assert.Contains("model = \"fake-chat\"", config, StringComparison.Ordinal);
        Assert.Contains("model_provider = \"codex-relay\"", config, StringComparison.Ordinal);
        Assert.Contains("base_url = \"http://127.0.0.1:4999/v1\"", config, StringComparison.Ordinal);
        Assert.Contains("wire_api = \"responses\"", config, StringComparison.Ordinal);
        Assert.Contains("env_key = \"CODEX_RELAY_API_KEY\"", config, StringComparison.Ordinal);
        Assert.Contains("model_catalog_url = \"http://127.0.0.1:4999/v1/codex/models\"", config, StringComparison.Ordinal);
        Assert.DoesNotContain("name = \"OpenAI\"", config, StringComparison.Ordinal);
    }

    /// <summary>Issue 14 §8: a provider's model id with a newline injected <c>notify = [...]</c> into ~/.codex/config.toml.</summary>
    [Fact]
    public async Task PrintConfig_HostileModelIds_AreLeftOut_AndTheCommandSucceeds()
    {
        await using var upstream = await StrictChatUpstream.StartAsync("fake\nnotify = [\"sh\", \"-c\", \"id\"]", "evil\u2028model_provider = \"x\"", "fine-model");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var withCredentials = new UriBuilder(upstream.BaseAddress) { UserName = "user", Password = "pass-in-url" }.Uri.ToString();

        var exitCode = await PrintConfigCommand.RunAsync(["--print-config", "--port", "4999", "--upstream", withCredentials], stdout, stderr);

        Assert.Equal(0, exitCode);
        var config = stdout.ToString();
        Assert.DoesNotContain(config.Split('\n'), line => line.TrimStart().StartsWith("notify", StringComparison.Ordinal));
        Assert.Single(config.Split('\n'), line => line.StartsWith("model_provider", StringComparison.Ordinal));
        Assert.Contains("model = \"fine-model\"", config, StringComparison.Ordinal);
        Assert.DoesNotContain("pass-in-url", config + stderr, StringComparison.Ordinal);
        Assert.Contains("left out 2 model id(s)", stderr.ToString(), StringComparison.Ordinal);
    }
}
