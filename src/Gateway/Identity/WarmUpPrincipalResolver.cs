using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Identity;

/// <summary>
/// In front of the configured resolver: a request the warm-up pass admitted acts for <see cref="RelayPrincipal.WarmUp"/>;
/// every other request is resolved as configured.
/// </summary>
internal sealed class WarmUpPrincipalResolver(IPrincipalResolver configured) : IPrincipalResolver
{
    public ValueTask<(RelayPrincipal? Principal, Failure? Failure)> ResolveAsync(ClientCredentials credentials, CancellationToken cancellationToken) =>
        credentials.WarmUp
            ? ValueTask.FromResult<(RelayPrincipal?, Failure?)>((RelayPrincipal.WarmUp, null))
            : configured.ResolveAsync(credentials, cancellationToken);
}
