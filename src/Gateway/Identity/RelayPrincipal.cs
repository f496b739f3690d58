using CodexRelay.Contracts.Tenancy;
using CodexRelay.Gateway.Configuration;

namespace CodexRelay.Gateway.Identity;

/// <summary>
/// Who a request acts for: a tenant and a user within it. <see cref="Owner"/> is the owner of every turn it
/// stores; <see cref="UpstreamAuthorization"/> is what goes to the provider when the relay holds no key of its own.
/// </summary>
internal sealed record RelayPrincipal(string Tenant, string User)
{
    /// <summary>The single owner of a relay without client keys (and of everything it stored).</summary>
    public static RelayPrincipal Anonymous { get; } = new("default", "default");

    /// <summary>Who the start-up warm-up's own requests act for: never a client, never stored or charged (metered up to the charge).</summary>
    public static RelayPrincipal WarmUp { get; } = new("codex-relay", "warm-up") { IsWarmUp = true };

    public bool IsWarmUp { get; private init; }

    public string Owner => Tenant == Anonymous.Tenant && User == Anonymous.User ? "default" : $"{Tenant}/{User}";

    public string? UpstreamAuthorization { get; init; }

    /// <summary>The relay key's public id; null without keys.</summary>
    public string? KeyId { get; init; }

    public IReadOnlyList<string> Models { get; init; } = ["*"];

    public KeyLimits Limits { get; init; } = KeyLimits.Unlimited;

    public bool MayUse(string model) => Models.Any(pattern => ModelPattern.Matches(pattern, model));
}
