namespace CodexRelay.Gateway.Identity;

/// <summary>The auth mode this gateway runs in: <c>none</c> or <c>keys</c>.</summary>
internal sealed record RelayAuthMode(string Mode)
{
    public bool RequiresKeys => Mode == Configuration.AuthOptions.KeysMode;
}
