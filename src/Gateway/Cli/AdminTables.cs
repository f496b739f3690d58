using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Cli;

/// <summary>The admin commands' output: aligned plain-text tables.</summary>
internal static class AdminTables
{
    public static string Created(JsonObject key) =>
        $"created {Text(key["id"])} for {Text(key["tenant"])}/{Text(key["user"])}\n" +
        $"key (shown once; hand it over through your secret channel): {Text(key["key"])}\n";

    public static string Keys(JsonArray keys) => Table(
        ["id", "tenant", "user", "models", "rpm", "tokens/day", "concurrent", "expires", "revoked", "last used"],
        keys.Select(k => new[]
        {
            Text(k!["id"]), Text(k["tenant"]), Text(k["user"]), string.Join(",", k["models"]!.AsArray().Select(m => Text(m))),
            Text(k["limits"]!["requests_per_minute"]), Text(k["limits"]!["tokens_per_day"]), Text(k["limits"]!["concurrent_requests"]),
            Time(k["expires_at"]), Time(k["revoked_at"]), Time(k["last_used_at"]),
        }));

    public static string Usage(JsonArray rows) => Table(
        ["day", "tenant", "user", "model", "requests", "input", "cached", "output", "reasoning", "errors"],
        rows.Select(r => new[]
        {
            Text(r!["day"]), Text(r["tenant"]), Text(r["user"]), Text(r["model"]), Text(r["requests"]), Text(r["input_tokens"]),
            Text(r["cached_input_tokens"]), Text(r["output_tokens"]), Text(r["reasoning_tokens"]), Text(r["errors"]),
        }));

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            text.AppendJoin("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).Append('\n');
        }

        return text.ToString().Replace(" \n", "\n", StringComparison.Ordinal);
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "-",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static string Time(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "-";
}
