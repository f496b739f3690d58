using System.Text;

namespace CodexRelay.Gateway.Translation.Tools;

/// <summary>
/// Provider-valid, unique function names for the request's tools, and the way back to
/// <c>{namespace, name}</c>. Derived only from the request's tool list, so any gateway computes the same map.
/// </summary>
internal sealed class ToolNameMap
{
    private const int MaxNameLength = 64;
    private readonly Dictionary<string, ToolTarget> _byFlatName = new(StringComparer.Ordinal);
    private readonly Dictionary<(string? Namespace, string Name), string> _byTarget = [];

    /// <summary>Per sanitized name, the next suffix to try: probing resumes there, so n colliding names cost O(n), not O(n²).</summary>
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);

    public static ToolNameMap Empty { get; } = new();

    public int Count => _byFlatName.Count;

    /// <summary>Names tried so far, taken or not: linear in the tools (a test holds it to that).</summary>
    internal long Probes { get; private set; }

    /// <summary>Adds a tool and returns the name the provider sees.</summary>
    public string Add(ToolTarget target)
    {
        if (_byTarget.TryGetValue((target.Namespace, target.Name), out var existing))
        {
            return existing;
        }

        var flat = Sanitize(target.Namespace is null ? target.Name : $"{target.Namespace}__{target.Name}");
        var unique = flat;
        if (_byFlatName.ContainsKey(unique))
        {
            // The same names as probing from 2 each time: every suffix below the stored one is already taken.
            var n = _nextSuffix.GetValueOrDefault(flat, 2);
            while (_byFlatName.ContainsKey(unique = WithSuffix(flat, n)))
            {
                n++;
                Probes++;
            }

            Probes++;

            _nextSuffix[flat] = n + 1;
        }

        _byFlatName[unique] = target;
        _byTarget[(target.Namespace, target.Name)] = unique;
        return unique;
    }

    /// <summary>The flattened name of a call Codex replays (used when translating history).</summary>
    public string FlatNameFor(string name, string? ns) =>
        _byTarget.TryGetValue((ns, name), out var flat) ? flat : Sanitize(ns is null ? name : $"{ns}__{name}");

    /// <summary>The Responses identity of a name the provider called; unknown names pass through as functions.</summary>
    public ToolTarget Resolve(string flatName) =>
        _byFlatName.TryGetValue(flatName, out var target) ? target : new ToolTarget(ToolKind.Function, flatName, null);

    private static string WithSuffix(string flat, int n)
    {
        var suffix = "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return flat.Length + suffix.Length > MaxNameLength ? flat[..(MaxNameLength - suffix.Length)] + suffix : flat + suffix;
    }

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        var clean = builder.Length == 0 ? "tool" : builder.ToString();
        if (clean.Length <= MaxNameLength)
        {
            return clean;
        }

        var hash = System.IO.Hashing.XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(name)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return clean[..(MaxNameLength - 9)] + "_" + hash;
    }
}
