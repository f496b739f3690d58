using CodexRelay.Gateway.Cli;
using CodexRelay.Grains.Hosting.Settings;
using CodexRelay.Silo;

namespace CodexRelay.Tests.Hosting;

public sealed class CommandLineTests
{
    [Fact]
    public async Task AMisspelledFlag_IsAUsageError_WithExitCode2_AndAHint()
    {
        var (exit, _, errors) = await RunAsync("--upstrem", "https://api.deepseek.com/v1");

        Assert.Equal(2, exit);
        Assert.Contains("--upstrem", errors, StringComparison.Ordinal);
        Assert.Contains("Did you mean '--upstream'", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFlagWithoutItsValue_IsAUsageError()
    {
        var (exit, _, errors) = await RunAsync("--port");

        Assert.Equal(2, exit);
        Assert.Contains("--port", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsFlags_AndAspNetStyleKeys_StartTheServer()
    {
        var (exit, _, errors) = await RunAsync("--port", "4999", "--upstream=http://127.0.0.1:9/v1", "--CodexRelay:Upstream:IdleTimeout=00:00:01", "--CodexRelay:Redis", "x:1");

        Assert.Null(exit);
        Assert.Equal("", errors);
        var parse = RelayCommandLine.Parse(["--port", "4999", "--upstream=http://127.0.0.1:9/v1", "--CodexRelay:Upstream:IdleTimeout=00:00:01"]);
        Assert.Equal("4999", parse.Settings["CodexRelay:Port"]);
        Assert.Equal("http://127.0.0.1:9/v1", parse.Settings["CodexRelay:Upstream:BaseUrl"]);
        Assert.DoesNotContain("CodexRelay:Upstream:IdleTimeout", parse.Settings.Keys);
    }

    [Fact]
    public async Task Help_ExitsZero_AndNamesEveryVariable()
    {
        var (exit, output, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("CODEX_RELAY_UPSTREAM", output, StringComparison.Ordinal);
        Assert.Contains("CODEX_RELAY_SESSION_TTL_HOURS", output, StringComparison.Ordinal);
        Assert.Contains("--print-config", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSilo_RejectsUnknownFlags_AndKnowsItsOwn()
    {
        var parser = new SettingsCommandLine(SiloSettings.All, SiloSettings.Commands);

        Assert.NotEmpty(parser.Parse(["--bogus"]).Errors);
        Assert.NotEmpty(parser.Parse(["--port", "4444"]).Errors);
        var ok = parser.Parse(["--silo-http-port", "0", "--clustering", "redis"]);
        Assert.Empty(ok.Errors);
        Assert.Equal("0", ok.Settings[SiloSettings.HttpPortKey]);
        Assert.True(parser.Parse(["--help"]).Has("--help"));
    }

    private static async Task<(int? Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await RelayCommandLine.RunCommandAsync(RelayCommandLine.Parse(args), output, errors);
        return (exit, output.ToString(), errors.ToString());
    }
}
