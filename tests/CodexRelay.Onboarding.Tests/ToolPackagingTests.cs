using CodexRelay.Onboarding.Tests.Support;
using CodexRelay.Testing.Files;
using CodexRelay.Testing.Processes;

namespace CodexRelay.Onboarding.Tests;

/// <summary><c>dotnet pack</c> + <c>dotnet tool install --tool-path</c> give a working <c>codex-relay</c> command.</summary>
public sealed class ToolPackagingTests
{
    [Fact]
    public async Task PackedTool_Installed_RunsHelpAndPrintConfig()
    {
        using var scratch = new TempDirectory("codex-relay-tool-");
        var packages = scratch.Combine("packages");
        var tools = scratch.Combine("tools");
        var gateway = Path.Combine(TestPaths.RepositoryRoot(), "src", "Gateway", "Gateway.csproj");
        var dotnet = DotnetHost();
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ROOT"] = Path.GetDirectoryName(dotnet)!,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };

        var pack = await ProcessRunner.RunAsync(dotnet, ["pack", gateway, "-c", TestPaths.Configuration(), "--no-build", "-o", packages, "-nologo"], environment, timeout: TimeSpan.FromMinutes(5));
        Assert.True(pack.ExitCode == 0, pack.ToString());

        // Only the local folder as a source: the install must not depend on nuget.org.
        var nugetConfig = scratch.Combine("nuget.config");
        await File.WriteAllTextAsync(nugetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
            """);
        var install = await ProcessRunner.RunAsync(dotnet, ["tool", "install", "CodexRelay", "--tool-path", tools, "--configfile", nugetConfig, "--add-source", packages], environment, timeout: TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, install.ToString());
        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "codex-relay.exe" : "codex-relay");

        var help = await ProcessRunner.RunAsync(command, ["--help"], environment);
        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var expected in new[] { "--port", "4444", "--upstream", "https://openrouter.ai/api/v1", "--api-key", "--model-map", "--print-config",
            "--session-ttl-hours", "168", "--max-sessions", "256", "--max-session-memory-mb", "512", "CODEX_RELAY_UPSTREAM", "CODEX_RELAY_API_KEY" })
        {
            Assert.Contains(expected, help.StandardOutput, StringComparison.Ordinal);
        }

        await using var upstream = await OnboardingRelay.StartUpstreamAsync();
        var printed = await ProcessRunner.RunAsync(command, ["--print-config", "--port", "4446", "--upstream", upstream.BaseAddress.ToString()], environment);
        Assert.True(printed.ExitCode == 0, printed.ToString());
        Assert.Contains("base_url = \"http://127.0.0.1:4446/v1\"", printed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("model_catalog_url = \"http://127.0.0.1:4446/v1/codex/models\"", printed.StandardOutput, StringComparison.Ordinal);
    }

    private static string DotnetHost()
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : Path.Combine(Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "/usr/share/dotnet", "dotnet");
        return new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
    }
}
