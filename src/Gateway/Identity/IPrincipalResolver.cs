using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Identity;

/// <summary>Turns a client's credentials into the principal a request acts for, or the failure that refuses it.</summary>
internal interface IPrincipalResolver
{
    ValueTask<(RelayPrincipal? Principal, Failure? Failure)> ResolveAsync(ClientCredentials credentials, CancellationToken cancellationToken);
}
