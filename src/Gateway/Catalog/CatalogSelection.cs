using CodexRelay.Gateway.Configuration;

namespace CodexRelay.Gateway.Catalog;

/// <summary>Decides which models the catalog lists and under which names (pure).</summary>
internal static class CatalogSelection
{
    public static List<CatalogModel> Select(CatalogOptions options, IReadOnlyDictionary<string, string> modelMap, IReadOnlyList<string> upstreamModels)
    {
        var patterns = ModelPattern.Split(options.Models);
        var configured = options.Overrides.Select(o => o.Model).Where(m => m.Length > 0).ToList();
        var exactConfigured = configured.Where(m => !m.Contains('*', StringComparison.Ordinal)).ToList();
        var slugs = new List<string>();
        if (patterns.Count > 0)
        {
            slugs.AddRange(modelMap.Keys.Concat(exactConfigured).Concat(upstreamModels).Where(m => ModelPattern.MatchesAny(patterns, m)));
        }
        else
        {
            slugs.AddRange(modelMap.Keys);
            slugs.AddRange(exactConfigured);
            slugs.AddRange(upstreamModels.Where(m => ModelPattern.MatchesAny(configured, m)));
            if (slugs.Count == 0)
            {
                slugs.AddRange(upstreamModels);
            }
        }

        return [.. slugs.Distinct(StringComparer.Ordinal).Select(slug => Describe(slug, options, modelMap))];
    }

    public static CatalogModel Describe(string slug, CatalogOptions options, IReadOnlyDictionary<string, string> modelMap)
    {
        var upstream = modelMap.TryGetValue(slug, out var target) ? target : slug;
        var profile = ModelFamilies.Lookup(upstream);
        var match = options.Overrides.FirstOrDefault(o => ModelPattern.Matches(o.Model, slug))
            ?? options.Overrides.FirstOrDefault(o => ModelPattern.Matches(o.Model, upstream));
        return new CatalogModel(slug, upstream, match is null ? profile : match.ApplyTo(profile));
    }
}
