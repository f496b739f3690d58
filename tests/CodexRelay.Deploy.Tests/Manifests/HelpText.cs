namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>A process's --help output and the CODEX_RELAY_* names in it.</summary>
internal sealed record HelpText(string Process, string Text, IReadOnlySet<string> Variables, bool FromGateway)
{
    public string Source => FromGateway ? $"{Process} --help (the silo prints no table yet)" : $"{Process} --help";
}
