using System.Text.Json;
using CodexRelay.Contracts;

namespace CodexRelay.Grains.Storage;

/// <summary>
/// How every CodexRelay store writes a grain state: plain System.Text.Json of the state, no type names,
/// so renaming an assembly or namespace never orphans stored history.
/// </summary>
internal static class StoredState
{
    /// <summary>
    /// Escapes only what JSON requires: a turn's items are JSON held as strings, and the default encoder wrote every
    /// quote in them as <c>\u0022</c> (six bytes for one, and the CPU to do it). Records written either way read the same.
    /// </summary>
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    public static T? Deserialize<T>(ReadOnlySpan<byte> data) => JsonSerializer.Deserialize<T>(data, Options);

    public static string NewETag() => SecureRandomHex.Next(16);

    /// <summary>The record's key: <c>{serviceId}/{grainId}/{stateName}</c>, stable across deployments.</summary>
    public static string Key(string serviceId, GrainId grainId, string stateName)
    {
        Check(grainId, stateName);
        return $"{serviceId}/{grainId}/{stateName}";
    }

    /// <summary>
    /// Every store joins these into a path, a blob name or a key: a state name is one plain segment
    /// (letters, digits, <c>-_.</c>, at most 200), and neither part may hold a dot segment, a backslash or a control
    /// character, which a file system or a URL would read as a step elsewhere.
    /// </summary>
    public static void Check(GrainId grainId, string stateName)
    {
        if (stateName.Length is 0 or > 200 || stateName is "." or ".." || !stateName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"'{(stateName.Length > 64 ? stateName[..64] : stateName)}' is not a valid state name.", nameof(stateName));
        }

        var grain = grainId.ToString();
        if (grain.Length > 1024 || grain.Any(c => char.IsControl(c) || c == '\\') || grain.Split('/').Any(segment => segment is "." or ".."))
        {
            throw new ArgumentException("The grain id cannot name a stored record.", nameof(grainId));
        }
    }
}
