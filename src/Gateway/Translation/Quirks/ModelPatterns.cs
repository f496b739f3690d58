namespace CodexRelay.Gateway.Translation.Quirks;

/// <summary>Matches a model name (with or without a <c>vendor/</c> prefix) against <c>a*,b,...</c> patterns.</summary>
internal static class ModelPatterns
{
    public static bool Matches(string patterns, string model)
    {
        var name = model.Contains('/', StringComparison.Ordinal) ? model[(model.LastIndexOf('/') + 1)..] : model;
        foreach (var pattern in patterns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var matches = pattern.EndsWith('*')
                ? name.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase) || model.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
                : string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase) || string.Equals(pattern, model, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
