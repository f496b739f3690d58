namespace CodexRelay.Gateway.Catalog;

/// <summary>One catalog entry to build: the name Codex uses, the upstream model behind it, its metadata.</summary>
internal sealed record CatalogModel(string Slug, string UpstreamModel, ModelProfile Profile);
