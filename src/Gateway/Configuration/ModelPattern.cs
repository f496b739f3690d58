namespace CodexRelay.Gateway.Configuration;

/// <summary>Case-insensitive name patterns where <c>*</c> matches any run of characters.</summary>
internal static class ModelPattern
{
    public static bool Matches(string pattern, string name)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
        }

        if (!name.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase) || !name.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var position = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = name.IndexOf(parts[i], position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return position <= name.Length - parts[^1].Length;
    }

    public static bool MatchesAny(IEnumerable<string> patterns, string name) => patterns.Any(p => Matches(p, name));

    /// <summary>
    /// For provider rules: a model matches with or without its <c>vendor/</c> prefix, so <c>deepseek*</c>
    /// also covers OpenRouter's <c>deepseek/deepseek-r1</c>.
    /// </summary>
    public static bool MatchesModel(IEnumerable<string> patterns, string model)
    {
        var slash = model.LastIndexOf('/');
        return MatchesAny(patterns, model) || (slash >= 0 && MatchesAny(patterns, model[(slash + 1)..]));
    }

    public static List<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
