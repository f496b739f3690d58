using System.Security.Cryptography;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>Makes output item ids; injected so tests get stable ids.</summary>
internal interface IIdGenerator
{
    string NewId(string prefix);
}

internal sealed class RandomIdGenerator : IIdGenerator
{
    public static RandomIdGenerator Instance { get; } = new();

    public string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
