using System.Collections.Concurrent;

namespace CodexRelay.Gateway.Telemetry;

/// <summary>
/// Bounds a label's cardinality: the first <see cref="Limit"/> distinct values pass as they are, later new values fold
/// into <c>other</c>, so a client sending random model names cannot grow the metrics without end.
/// </summary>
internal sealed class LabelFolder(int limit = LabelFolder.DefaultLimit)
{
    public const int DefaultLimit = 200;

    public const string Other = "other";

    public const string None = "none";

    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);

    public int Limit { get; } = limit;

    public string Fold(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return None;
        }

        if (_seen.TryGetValue(value, out var known))
        {
            return known;
        }

        // A racing add may pass the limit by a few; the bound matters, not its exact value.
        return _seen.Count >= Limit ? Other : _seen.GetOrAdd(value, value);
    }
}
