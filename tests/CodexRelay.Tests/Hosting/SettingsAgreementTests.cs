using System.Text;
using System.Text.RegularExpressions;
using CodexRelay.Gateway.Cli;
using CodexRelay.Gateway.Hosting;
using CodexRelay.Grains.Hosting.Settings;
using CodexRelay.Silo;

namespace CodexRelay.Tests.Hosting;

/// <summary>
/// The settings tables, <c>--help</c> and README.md say the same thing. README's table is generated from the tables:
/// run with <c>CODEX_RELAY_RECORD_README=1</c> to rewrite it after changing a setting.
/// </summary>
public sealed partial class SettingsAgreementTests
{
    private const string Begin = "<!-- settings table: generated from GatewaySettings and SiloSettings by SettingsAgreementTests -->";
    private const string End = "<!-- end of settings table -->";

    [Fact]
    public void EveryVariableInSource_IsInAHelpText_AndInReadme()
    {
        var help = HelpText.Text + SiloSettings.Help;
        var readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        var missing = new List<string>();
        foreach (var variable in VariablesInSource())
        {
            if (!help.Contains(variable, StringComparison.Ordinal))
            {
                missing.Add($"{variable}: not in --help");
            }

            if (!readme.Contains(variable, StringComparison.Ordinal))
            {
                missing.Add($"{variable}: not in README.md");
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void ReadmeTable_IsTheSettingsTables()
    {
        var path = Path.Combine(RepoRoot(), "README.md");
        var readme = File.ReadAllText(path);
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md needs the markers\n{Begin}\n{End}");
        var expected = Begin + "\n" + Table() + End;
        var actual = readme[start..(end + End.Length)];
        if (actual != expected && Environment.GetEnvironmentVariable("CODEX_RELAY_RECORD_README") == "1")
        {
            File.WriteAllText(path, readme[..start] + expected + readme[(end + End.Length)..]);
            return;
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EveryFlagAndVariable_IsUnique()
    {
        foreach (var table in new[] { GatewaySettings.All, SiloSettings.All })
        {
            Assert.Equal(table.Count, table.Select(s => s.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            var flags = table.Where(s => s.Flag is not null).Select(s => s.Flag).ToList();
            Assert.Equal(flags.Count, flags.Distinct().Count());
        }
    }

    private static string Table()
    {
        var text = new StringBuilder("| flag | variable | key | default | |\n|---|---|---|---|---|\n");
        var siloOnly = SiloSettings.All.Where(s => !GatewaySettings.All.Contains(s));
        foreach (var (setting, where) in GatewaySettings.All.Select(s => (s, "")).Concat(siloOnly.Select(s => (s, "silo only: "))))
        {
            text.Append("| ").Append(Code(setting.Flag)).Append(" | ").Append(Code(setting.Variable)).Append(" | ").Append(Code(setting.Key))
                .Append(" | ").Append(setting.Default.Replace("|", "\\|", StringComparison.Ordinal)).Append(" | ").Append(where).Append(setting.Help).Append(" |\n");
        }

        return text.ToString();
    }

    private static string Code(string? value) => value is null ? "" : $"`{value}`";

    private static IEnumerable<string> VariablesInSource() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => VariablePattern().Matches(File.ReadAllText(f)).Select(m => m.Value))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CodexRelay.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CodexRelay.sln not found above the test output.");
    }

    [GeneratedRegex("CODEX_RELAY_[A-Z0-9_]+")]
    private static partial Regex VariablePattern();
}
