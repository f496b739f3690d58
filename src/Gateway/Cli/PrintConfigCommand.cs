using System.Text.Json;
using CodexRelay.Gateway.Catalog;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Hosting;
using CodexRelay.Grains.Hosting.Settings;

namespace CodexRelay.Gateway.Cli;

/// <summary>
/// <c>--print-config</c>: asks the upstream for its models and prints a Codex config pointing at this relay.
/// Runs without the web host, so nothing listens and only the config reaches stdout.
/// </summary>
internal static class PrintConfigCommand
{
    public const int BadSettings = 3;
    public const int UpstreamUnreachable = 4;
    public const int UpstreamRejected = 5;
    public const int CatalogFailed = 6;

    /// <summary>Parses <paramref name="args"/> as the command line does and prints the config.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        await RelayCommandLine.RunCommandAsync(RelayCommandLine.Parse(args), stdout, stderr) ?? BadSettings;

    public static async Task<int> RunAsync(SettingsParse commandLine, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var configuration = GatewayHosting.LoadSettings(commandLine.Settings);
        var relay = new RelayOptions();
        configuration.GetSection(RelayOptions.SectionName).Bind(relay);
        var catalogOptions = new CatalogOptions();
        configuration.GetSection(CatalogOptions.SectionName).Bind(catalogOptions);
        var flags = new
        {
            Model = commandLine.Value("--model"),
            EnvKey = commandLine.Value("--env-key") ?? CodexConfig.DefaultEnvKey,
            ProviderId = commandLine.Value("--provider-id") ?? CodexConfig.DefaultProviderId,
            CatalogFile = commandLine.Value("--catalog-file"),
            PublicUrl = commandLine.Value("--public-url"),
        };

        TranslationSettings translation;
        try
        {
            translation = TranslationSettings.From(relay);
        }
        catch (InvalidOperationException exception)
        {
            await stderr.WriteLineAsync($"error: {exception.Message}");
            return BadSettings;
        }

        var (listed, failure, exitCode) = await UpstreamModelLister.ListAsync(relay.Upstream, cancellationToken);

        // Ids come from the provider: one that could break out of a TOML string or comment is left out, not written.
        var models = listed.Where(CodexConfigWriter.IsSafeId).ToList();
        if (models.Count < listed.Count)
        {
            await stderr.WriteLineAsync($"warning: left out {listed.Count - models.Count} model id(s) from the upstream with control characters or over 256 characters.");
        }

        if (failure is not null && (exitCode == UpstreamUnreachable || flags.Model is null))
        {
            await stderr.WriteLineAsync($"error: {failure}");
            return exitCode;
        }

        if (failure is not null)
        {
            await stderr.WriteLineAsync($"warning: {failure} Continuing with --model {flags.Model}.");
        }

        var selected = CatalogSelection.Select(catalogOptions, translation.ModelMap, models);
        var model = flags.Model ?? selected.FirstOrDefault()?.Slug ?? models.FirstOrDefault();
        if (model is null)
        {
            await stderr.WriteLineAsync($"error: the upstream {RelayOptionsValidator.Redact(relay.Upstream.BaseUrl)} lists no models and no --model or --model-map was given.");
            return UpstreamRejected;
        }

        if (flags.PublicUrl is not null && !IsHttpUrl(flags.PublicUrl))
        {
            await stderr.WriteLineAsync($"error: --public-url must be an absolute http or https URL; got '{flags.PublicUrl}'.");
            return BadSettings;
        }

        var baseUrl = flags.PublicUrl is { } publicUrl
            ? publicUrl.TrimEnd('/') + (publicUrl.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal) ? "" : "/v1")
            : $"http://{ClientHost(relay.Host)}:{relay.Port}/v1";
        string? catalogFile = null;
        if (flags.CatalogFile is not null)
        {
            if (!selected.Any(m => m.Slug == model))
            {
                selected.Insert(0, CatalogSelection.Describe(model, catalogOptions, translation.ModelMap));
            }

            try
            {
                catalogFile = await WriteCatalogAsync(flags.CatalogFile, catalogOptions, selected, stderr, cancellationToken);
            }
            catch (Exception exception) when (exception is CatalogTemplateException or IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"error: {exception.Message}");
                return CatalogFailed;
            }
        }
        else if (!selected.Any(m => m.Slug == model))
        {
            await stderr.WriteLineAsync($"warning: the relay's catalog does not list '{model}'; add it to --catalog-models / CODEX_RELAY_CATALOG_MODELS or Codex warns about model metadata.");
        }

        await stdout.WriteAsync(CodexConfigWriter.Write(new CodexConfig
        {
            Model = model,
            ProviderId = flags.ProviderId,
            ProviderName = ProviderName(relay.Upstream.BaseUrl),
            BaseUrl = baseUrl,
            EnvKey = flags.EnvKey,
            CatalogUrl = baseUrl + CatalogOptions.Path["/v1".Length..],
            CatalogFile = catalogFile,
            Upstream = relay.Upstream.BaseUrl,
            UpstreamModels = models,
        }));
        return 0;
    }

    /// <summary>"CodexRelay (api.deepseek.com)": names the upstream and is never "OpenAI".</summary>
    public static string ProviderName(string upstream) =>
        Uri.TryCreate(upstream, UriKind.Absolute, out var uri) ? $"CodexRelay ({uri.Host})" : "CodexRelay";

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0;

    private static string ClientHost(string host) => host switch
    {
        "" or "*" or "0.0.0.0" or "localhost" => "127.0.0.1",
        "::" or "[::]" => "[::1]",
        _ when host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') => $"[{host}]",
        _ => host,
    };

    private static async Task<string> WriteCatalogAsync(string path, CatalogOptions options, List<CatalogModel> selected, TextWriter stderr, CancellationToken cancellationToken)
    {
        var template = await CatalogTemplateLoader.LoadAsync(options, cancellationToken);
        var build = CodexCatalogBuilder.Build(template, selected);
        if (build.Omitted.Count > 0)
        {
            await stderr.WriteLineAsync($"warning: the catalog reached Codex's 1 MiB cap; left out: {string.Join(", ", build.Omitted)}");
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, build.Catalog.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        return full;
    }
}
