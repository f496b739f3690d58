using System.Text.RegularExpressions;
using CodexRelay.Deploy.Tests.Support;
using CodexRelay.Testing.Processes;

namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>
/// The CODEX_RELAY_* variables each process documents in its <c>--help</c> table: the only names a manifest
/// may set. A silo whose <c>--help</c> prints no table yet is held to the gateway's list.
/// </summary>
internal static partial class HelpVariables
{
    private static readonly Lazy<Task<HelpText>> Gateway = new(() => ReadAsync(DeployPaths.GatewayDll));
    private static readonly Lazy<Task<HelpText>> Silo = new(() => ReadAsync(DeployPaths.SiloDll));

    public static Task<HelpText> GatewayAsync() => Gateway.Value;

    /// <summary>The silo's table, or the gateway's when the silo prints none (<see cref="HelpText.FromGateway"/>).</summary>
    public static async Task<HelpText> SiloAsync()
    {
        var silo = await Silo.Value;
        return silo.Variables.Count >= 3 ? silo : (await GatewayAsync()) with { FromGateway = true };
    }

    public static async Task<HelpText> ForComponentAsync(string component) =>
        component == "silo" ? await SiloAsync() : await GatewayAsync();

    private static async Task<HelpText> ReadAsync(string dll)
    {
        // A process that does not know --help would start: an unknown clustering mode makes it stop at once instead.
        var result = await ProcessRunner.RunAsync(
            "dotnet",
            [dll, "--help"],
            new Dictionary<string, string> { ["CODEX_RELAY_CLUSTERING"] = "help-probe-not-a-mode", ["CODEX_RELAY_REDIS"] = "" },
            timeout: TimeSpan.FromSeconds(30));
        var variables = result.ExitCode == 0
            ? VariablePattern().Matches(result.StandardOutput).Select(m => m.Value).ToHashSet(StringComparer.Ordinal)
            : [];
        return new HelpText(Path.GetFileName(dll), result.StandardOutput, variables, FromGateway: false);
    }

    [GeneratedRegex(@"\bCODEX_RELAY_[A-Z0-9_]+\b")]
    private static partial Regex VariablePattern();
}
