using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Cli;

/// <summary>
/// <c>codex-relay keys create|list|revoke</c> and <c>codex-relay usage</c>: the admin API from a terminal, printing tables.
/// The admin key comes from <c>--admin-key</c> or <c>CODEX_RELAY_ADMIN_KEY</c> (prefer the variable: flags show in <c>ps</c>).
/// </summary>
internal static class AdminCommand
{
    private const int UsageErrorExitCode = 2;

    public static bool Handles(IReadOnlyList<string> args) => args.Count > 0 && args[0] is "keys" or "usage";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler = null)
    {
        var url = new Option<string>("--url") { Description = "The relay's address.", DefaultValueFactory = _ => "http://127.0.0.1:4444" };
        var adminKey = new Option<string?>("--admin-key") { Description = "Admin key (default: $CODEX_RELAY_ADMIN_KEY)." };
        var tenant = new Option<string?>("--tenant") { Description = "Tenant (team)." };
        var user = new Option<string?>("--user") { Description = "User label." };
        var models = new Option<string?>("--models") { Description = "Comma-separated model patterns (default *)." };
        var perMinute = new Option<int?>("--requests-per-minute");
        var perDay = new Option<long?>("--tokens-per-day");
        var concurrent = new Option<int?>("--concurrent-requests");
        var expires = new Option<string?>("--expires-at") { Description = "ISO 8601 time or unix seconds." };
        var model = new Option<string?>("--model");
        var from = new Option<string?>("--from") { Description = "First day, yyyy-MM-dd." };
        var to = new Option<string?>("--to") { Description = "Last day, yyyy-MM-dd." };
        var id = new Argument<string>("id") { Description = "The key's id (key_...)." };

        var create = new Command("create", "Create a relay key; its secret is printed once.") { tenant, user, models, perMinute, perDay, concurrent, expires };
        var list = new Command("list", "List keys (never their secrets).") { tenant };
        var revoke = new Command("revoke", "Revoke a key on every gateway.") { id };
        var keys = new Command("keys", "Relay keys.") { create, list, revoke };
        var usage = new Command("usage", "Usage per tenant, user, model and day.") { tenant, user, model, from, to };
        var root = new RootCommand("codex-relay admin commands") { keys, usage };
        foreach (var sub in new[] { create, list, revoke, usage })
        {
            sub.Options.Add(url);
            sub.Options.Add(adminKey);
        }

        var result = root.Parse([.. args]);
        if (result.Errors.Count > 0 || result.CommandResult.Command is RootCommand or { Name: "keys" })
        {
            foreach (var error in result.Errors)
            {
                await stderr.WriteLineAsync($"codex-relay: {error.Message}");
            }

            await stderr.WriteLineAsync("Usage: codex-relay keys create --tenant T --user U [--models P,..] [--requests-per-minute N] [--tokens-per-day N] [--concurrent-requests N] [--expires-at T]");
            await stderr.WriteLineAsync("       codex-relay keys list [--tenant T] | keys revoke <id> | usage [--tenant T] [--user U] [--model M] [--from D] [--to D]");
            await stderr.WriteLineAsync("       each with --url (default http://127.0.0.1:4444) and --admin-key (default $CODEX_RELAY_ADMIN_KEY).");
            return UsageErrorExitCode;
        }

        var key = result.GetValue(adminKey) ?? Environment.GetEnvironmentVariable("CODEX_RELAY_ADMIN_KEY");
        if (string.IsNullOrEmpty(key))
        {
            await stderr.WriteLineAsync("codex-relay: no admin key: set CODEX_RELAY_ADMIN_KEY (or --admin-key).");
            return UsageErrorExitCode;
        }

        using var http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null) { BaseAddress = new Uri(result.GetValue(url)!.TrimEnd('/') + "/admin/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var command = result.CommandResult.Command;
        var (method, path, body) = command.Name switch
        {
            "create" => (HttpMethod.Post, "keys", CreateBody(result.GetValue(tenant), result.GetValue(user), result.GetValue(models), result.GetValue(perMinute), result.GetValue(perDay), result.GetValue(concurrent), result.GetValue(expires))),
            "list" => (HttpMethod.Get, "keys" + Query(("tenant", result.GetValue(tenant))), null),
            "revoke" => (HttpMethod.Delete, "keys/" + Uri.EscapeDataString(result.GetValue(id)!), null),
            _ => (HttpMethod.Get, "usage" + Query(("tenant", result.GetValue(tenant)), ("user", result.GetValue(user)), ("model", result.GetValue(model)), ("from", result.GetValue(from)), ("to", result.GetValue(to))), (string?)null),
        };

        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException exception)
        {
            await stderr.WriteLineAsync($"codex-relay: cannot reach {http.BaseAddress}: {exception.Message}");
            return 1;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                var message = JsonNode.Parse(text.Length > 0 ? text : "{}")?["error"]?["message"]?.GetValue<string>() ?? text;
                await stderr.WriteLineAsync($"codex-relay: {(int)response.StatusCode} {message}");
                return 1;
            }

            await stdout.WriteAsync(command.Name switch
            {
                "create" => AdminTables.Created(JsonNode.Parse(text)!.AsObject()),
                "list" => AdminTables.Keys(JsonNode.Parse(text)!["data"]!.AsArray()),
                "revoke" => $"revoked {result.GetValue(id)}\n",
                _ => AdminTables.Usage(JsonNode.Parse(text)!["data"]!.AsArray()),
            });
            return 0;
        }
    }

    private static string? CreateBody(string? tenant, string? user, string? models, int? perMinute, long? perDay, int? concurrent, string? expires)
    {
        var body = new JsonObject
        {
            ["tenant"] = tenant,
            ["user"] = user,
            ["limits"] = new JsonObject { ["requests_per_minute"] = perMinute, ["tokens_per_day"] = perDay, ["concurrent_requests"] = concurrent },
        };
        if (models is not null)
        {
            body["models"] = new JsonArray([.. models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(m => JsonValue.Create(m))]);
        }

        if (expires is not null)
        {
            body["expires_at"] = long.TryParse(expires, out var seconds) ? seconds : expires;
        }

        return body.ToJsonString();
    }

    private static string Query(params (string Name, string? Value)[] pairs)
    {
        var set = pairs.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? "" : "?" + string.Join("&", set);
    }

}
