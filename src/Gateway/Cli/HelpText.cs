using CodexRelay.Gateway.Hosting;
using CodexRelay.Grains.Hosting.Settings;

namespace CodexRelay.Gateway.Cli;

/// <summary>The text of <c>codex-relay --help</c>, generated from the settings table and the commands.</summary>
internal static class HelpText
{
    private const string Header = """
        codex-relay: serves the OpenAI Responses API (Codex CLI) on top of a Chat Completions provider.

        Usage:
          codex-relay [settings]                   start the relay
          codex-relay --print-config [settings]    print a Codex config.toml for this relay and exit
          codex-relay keys create|list|revoke ...    manage relay keys through /admin (needs CODEX_RELAY_ADMIN_KEY)
          codex-relay usage [--tenant T] ...         usage per tenant, user, model and day
          codex-relay --help | --version

        Precedence: flags over CODEX_RELAY_* over CodexRelay__* over appsettings.json. Any configuration key can
        also be given ASP.NET's way: --CodexRelay:Upstream:IdleTimeout=00:05:00.
        """;

    private const string Footer = """
        --print-config exit codes: 0 printed, 2 usage error, 3 bad settings, 4 upstream unreachable, 5 upstream refused,
        6 no catalog template.

        Endpoints: POST /v1/responses (and its WebSocket), GET/DELETE /v1/responses/{id}, GET /v1/models,
        GET /v1/codex/models (Codex catalog), GET /health/live, GET /health/ready.
        """;

    public static string Text { get; } = SettingsHelp.Format(Header, GatewaySettings.All, RelayCommandLine.Commands, Footer);
}
