using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Catalog;

/// <summary>
/// Gets the template entry from Codex itself: an operator's file, or <c>codex debug models --bundled</c>.
/// The instructions in it replace Codex's system prompt, so they must be Codex's own, never ours.
/// </summary>
internal static class CatalogTemplateLoader
{
    private static readonly TimeSpan CodexTimeout = TimeSpan.FromSeconds(60);

    public static async Task<JsonObject> LoadAsync(CatalogOptions options, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.TemplateFile))
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(options.TemplateFile, cancellationToken);
            }
            catch (IOException exception)
            {
                throw new CatalogTemplateException($"Cannot read the catalog template '{options.TemplateFile}': {exception.Message}", exception);
            }

            return Choose(Parse(text, options.TemplateFile), options.TemplateModel);
        }

        var codex = ResolveCodex(options.CodexPath)
            ?? throw new CatalogTemplateException(
                "The Codex CLI was not found, so there is no catalog template. Install Codex, set CODEX_RELAY_CODEX (--codex) to its path, "
                + "or save `codex debug models --bundled` to a file and set CODEX_RELAY_CATALOG_TEMPLATE (--catalog-template).");
        return Choose(Parse(await RunCodexAsync(codex, cancellationToken), $"{codex} debug models --bundled"), options.TemplateModel);
    }

    public static JsonObject Choose(JsonNode root, string? slug)
    {
        List<JsonObject> candidates = root is JsonObject { } single && single.ContainsKey("slug")
            ? [single]
            : (root["models"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var chosen = !string.IsNullOrWhiteSpace(slug)
            ? candidates.FirstOrDefault(m => (string?)m["slug"] == slug)
                ?? throw new CatalogTemplateException($"The catalog template has no model '{slug}'.")
            : candidates
                .Where(m => (string?)m["visibility"] == "list" && (string?)m["apply_patch_tool_type"] == "freeform" && m["tool_mode"] is null && HasInstructions(m))
                .OrderBy(m => m.ToJsonString().Length)
                .FirstOrDefault() ?? candidates.FirstOrDefault(HasInstructions);
        return chosen is not null && HasInstructions(chosen)
            ? (JsonObject)chosen.DeepClone()
            : throw new CatalogTemplateException("The catalog template has no entry with base_instructions.");
    }

    public static string? ResolveCodex(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { "codex.cmd", "codex.exe" } : ["codex"])
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool HasInstructions(JsonObject entry) =>
        entry["base_instructions"] is JsonValue || entry["model_messages"]?["instructions_template"] is JsonValue;

    private static JsonNode Parse(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text) ?? throw new CatalogTemplateException($"The catalog template from {source} is empty.");
        }
        catch (JsonException exception)
        {
            throw new CatalogTemplateException($"The catalog template from {source} is not JSON: {exception.Message}", exception);
        }
    }

    /// <summary>What the Codex CLI (a Node script or a native binary) needs to start; nothing else is passed on.</summary>
    private static readonly string[] InheritedVariables = ["PATH", "PATHEXT", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP", "LANG", "LC_ALL"];

    private static async Task<string> RunCodexAsync(string codex, CancellationToken cancellationToken)
    {
        // A throw-away CODEX_HOME: the operator's config (which may point at this relay) must not matter.
        var home = Directory.CreateTempSubdirectory("codex-relay-template-");
        try
        {
            var start = new ProcessStartInfo(codex)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            // A minimal environment: the relay's own secrets (CODEX_RELAY_API_KEY, provider keys) are not the CLI's business.
            start.Environment.Clear();
            foreach (var name in InheritedVariables)
            {
                if (System.Environment.GetEnvironmentVariable(name) is { } value)
                {
                    start.Environment[name] = value;
                }
            }

            start.Environment["CODEX_HOME"] = home.FullName;
            start.Environment["HOME"] = home.FullName;
            foreach (var arg in new[] { "debug", "models", "--bundled" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new CatalogTemplateException($"Could not start {codex}.");
            process.StandardInput.Close();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CodexTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                var output = await stdout;
                return process.ExitCode == 0
                    ? output
                    : throw new CatalogTemplateException($"`{codex} debug models --bundled` exited with {process.ExitCode}: {Tail(await stderr)}");
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new CatalogTemplateException($"`{codex} debug models --bundled` did not finish within {CodexTimeout.TotalSeconds:0} s.");
            }
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new CatalogTemplateException($"Could not run {codex}: {exception.Message}", exception);
        }
        finally
        {
            try
            {
                home.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Leftover temp folder: harmless.
            }
        }
    }

    private static string Tail(string text) => text.Length > 500 ? text[^500..] : text;
}
