namespace CodexRelay.Gateway.Catalog;

/// <summary>The Codex model catalog the relay serves (section <c>CodexRelay:Catalog</c>).</summary>
internal sealed class CatalogOptions
{
    public const string SectionName = "CodexRelay:Catalog";

    /// <summary>Path Codex fetches the catalog from (<c>model_catalog_url</c>), under the relay's address.</summary>
    public const string Path = "/v1/codex/models";

    /// <summary>Codex refuses a catalog larger than this (1 MiB).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// Comma-separated model patterns (<c>*</c> wildcard) listed in the catalog (<c>--catalog-models</c> /
    /// <c>CODEX_RELAY_CATALOG_MODELS</c>). Empty: the model-map aliases and the models with overrides; if
    /// there are none either, the upstream's models (as many as fit the cap).
    /// </summary>
    public string? Models { get; set; }

    /// <summary>
    /// A catalog JSON produced by Codex (<c>codex debug models --bundled &gt; file</c>), or one entry of it
    /// (<c>--catalog-template</c> / <c>CODEX_RELAY_CATALOG_TEMPLATE</c>). Empty: the relay runs the CLI itself.
    /// </summary>
    public string? TemplateFile { get; set; }

    /// <summary>Slug of the template entry; empty picks the smallest listed entry with freeform apply_patch and no code mode.</summary>
    public string? TemplateModel { get; set; }

    /// <summary>The Codex CLI that prints the template (<c>--codex</c> / <c>CODEX_RELAY_CODEX</c>); default <c>codex</c> on PATH.</summary>
    public string? CodexPath { get; set; }

    /// <summary>Per-model metadata that wins over the built-in family table (first matching <c>Model</c> pattern).</summary>
    public List<ModelProfileOverride> Overrides { get; set; } = [];
}
