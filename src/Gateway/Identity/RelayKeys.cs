using System.Security.Cryptography;
using System.Text;

namespace CodexRelay.Gateway.Identity;

/// <summary>
/// Relay keys: <c>crk_</c> + 43 base62 characters (256 random bits). The cluster keeps only the SHA-256; the public id
/// (<c>key_</c> + 12 hex of the hash) names a key in lists and logs, and the key itself appears nowhere after creation.
/// </summary>
internal static class RelayKeys
{
    public const string Prefix = "crk_";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int Length = 43;
    private static readonly System.Buffers.SearchValues<char> AlphabetValues = System.Buffers.SearchValues.Create(Alphabet);

    public static string NewKey()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return Prefix + new string(chars);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string IdOf(string hash) => "key_" + hash[..12];

    /// <summary>Whether a bearer token has the shape of a relay key (checked before hashing or any lookup).</summary>
    public static bool LooksLikeKey(string token) =>
        token.Length == Prefix.Length + Length && token.StartsWith(Prefix, StringComparison.Ordinal) && token.AsSpan(Prefix.Length).IndexOfAnyExcept(AlphabetValues) < 0;

    /// <summary>The bearer token of an <c>Authorization</c> header, or null.</summary>
    public static string? Bearer(string? authorization) =>
        authorization is { Length: > 7 } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;

    /// <summary>Constant-time comparison of two secrets (their hashes are compared, so lengths leak nothing).</summary>
    public static bool SecretEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
