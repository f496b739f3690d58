using System.Net;
using System.Text.Json.Nodes;
using CodexRelay.Deploy.Tests.Support;
using CodexRelay.Testing.Files;
using CodexRelay.Testing.Processes;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.Deploy.Tests;

/// <summary>
/// deploy/bake-catalog.sh, the script the gateway image runs, makes a template the built gateway serves its Codex
/// catalog from. The Codex CLI test.sh installs is reused (CODEX_RELAY_BAKE_CODEX) so the test downloads nothing.
/// </summary>
public sealed class CatalogBakeTests
{
    [Fact]
    public async Task BakedTemplate_ServesTheCodexCatalog()
    {
        var codex = TestPaths.Codex();
        var directory = Directory.CreateTempSubdirectory("crk8s-bake-");
        try
        {
            var template = Path.Combine(directory.FullName, "catalog-template.json");
            var bake = await ProcessRunner.RunAsync(
                DeployPaths.Deploy("bake-catalog.sh"), [template], new Dictionary<string, string> { ["CODEX_RELAY_BAKE_CODEX"] = codex }, timeout: TimeSpan.FromSeconds(120));
            Assert.True(bake.ExitCode == 0, $"bake-catalog.sh failed ({bake.ExitCode}):\n{bake}");
            Assert.NotEmpty(JsonNode.Parse(await File.ReadAllTextAsync(template))!["models"]!.AsArray());

            await using var upstream = await StrictChatUpstream.StartAsync();
            var port = FreePorts.Next();
            await using var gateway = IsolatedProcess.Start(
                "dotnet",
                [DeployPaths.GatewayDll, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--catalog-template", template, "--upstream", upstream.BaseAddress.ToString().TrimEnd('/')],
                new Dictionary<string, string>(),
                DeployPaths.BuildOutput("Gateway"));
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            Assert.True(
                await Http.WaitForAsync(async () => await Http.StatusAsync(new Uri(baseAddress, "health/ready"), TimeSpan.FromSeconds(2)) == HttpStatusCode.OK, TimeSpan.FromSeconds(60)),
                $"The gateway was not ready:\n{gateway.Output}");

            using var response = await Http.Client.GetAsync(new Uri(baseAddress, "v1/codex/models?client_version=0.169.0"));
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}\n{gateway.Output}");
            var entry = Assert.Single(JsonNode.Parse(body)!["models"]!.AsArray())!;
            Assert.Equal("scripted-model", (string?)entry["slug"]);
            Assert.False(string.IsNullOrEmpty((string?)entry["base_instructions"]));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
