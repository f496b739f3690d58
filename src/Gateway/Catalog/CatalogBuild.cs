using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Catalog;

/// <summary>A built catalog and the models left out because the 1 MiB cap was reached.</summary>
internal sealed record CatalogBuild(JsonObject Catalog, IReadOnlyList<string> Omitted);
