using CodexRelay.Contracts;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>Makes output item ids; injected so tests get stable ids.</summary>
internal interface IIdGenerator
{
    string NewId(string prefix);
}

internal sealed class RandomIdGenerator : IIdGenerator
{
    public static RandomIdGenerator Instance { get; } = new();

    public string NewId(string prefix) => prefix + SecureRandomHex.Next(12);
}
