using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Identity;

/// <summary>Auth mode <c>none</c>: every request is the one anonymous owner, and the client's bearer goes upstream.</summary>
internal sealed class AnonymousPrincipalResolver : IPrincipalResolver
{
    public ValueTask<(RelayPrincipal? Principal, Failure? Failure)> ResolveAsync(ClientCredentials credentials, CancellationToken cancellationToken) =>
        ValueTask.FromResult<(RelayPrincipal?, Failure?)>((RelayPrincipal.Anonymous with { UpstreamAuthorization = credentials.Authorization }, null));
}
