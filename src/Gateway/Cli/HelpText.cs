namespace CodexRelay.Gateway.Cli;

/// <summary>The text of <c>codex-relay --help</c>: the seed's flags, variables and defaults, and ours.</summary>
internal static class HelpText
{
    public const string Text = """
        codex-relay: serves the OpenAI Responses API (Codex CLI) on top of a Chat Completions provider.

        Usage:
          codex-relay [options]                  start the relay
          codex-relay --print-config [options]   print a Codex config.toml for this relay and exit
          codex-relay --help | --version

        Options (flag / environment variable / default):
          --port <n>                  CODEX_RELAY_PORT                   4444
                                      Listen port.
          --host <addr>               CODEX_RELAY_HOST                   127.0.0.1
                                      Listen address.
          --upstream <url>            CODEX_RELAY_UPSTREAM               https://openrouter.ai/api/v1
                                      Upstream Chat Completions base URL.
          --api-key <key>             CODEX_RELAY_API_KEY                (empty)
                                      API key forwarded to the upstream; when empty, the client's key is.
          --model-map <map>           CODEX_RELAY_MODEL_MAP              (empty)
                                      Comma-separated source:target model name translations.
          --tool-denylist <names>     CODEX_RELAY_TOOL_DENYLIST          (empty)
                                      Comma-separated tool names never sent upstream.
          --session-ttl-hours <n>     CODEX_RELAY_SESSION_TTL_HOURS      168
                                      Retain idle previous_response_id history for this many hours.
          --max-sessions <n>          CODEX_RELAY_MAX_SESSIONS           256
                                      Maximum completed response histories retained.
          --max-session-memory-mb <n> CODEX_RELAY_MAX_SESSION_MEMORY_MB  512
                                      Approximate memory budget for retained history.
          --history-store <store>     CODEX_RELAY_HISTORY_STORE          memory
          --clustering <mode>         CODEX_RELAY_CLUSTERING             embedded (embedded|localhost|redis)
          --catalog-models <patterns> CODEX_RELAY_CATALOG_MODELS         (mapped and configured models)
                                      Models listed in the Codex catalog (* wildcard); it must stay under 1 MiB.
          --catalog-template <file>   CODEX_RELAY_CATALOG_TEMPLATE       (runs `codex debug models --bundled`)
                                      Codex's own catalog, the source of each entry's instructions.
          --catalog-template-model <slug>  CODEX_RELAY_CATALOG_TEMPLATE_MODEL  (smallest listed entry)
          --codex <path>              CODEX_RELAY_CODEX                  codex on PATH
                                      The Codex CLI that prints the catalog template.

        --print-config options:
          --model <name>              model = ... (default: the first mapped or upstream model)
          --env-key <VAR>             variable Codex reads its key from (default CODEX_RELAY_API_KEY)
          --provider-id <id>          the [model_providers.<id>] table (default codex-relay)
          --catalog-file <path>       write the catalog to a file and use model_catalog_json
                                      (default: model_catalog_url = http://127.0.0.1:<port>/v1/codex/models)
          Exit codes: 0 printed, 1 bad settings, 2 upstream unreachable, 3 upstream refused, 4 no catalog template.

        Endpoints: POST /v1/responses, GET /v1/models (OpenAI list), GET /v1/codex/models (Codex catalog),
        GET /health/live, GET /health/ready.
        """;
}
