using StackExchange.Redis;

namespace CodexRelay.HistoryBench;

/// <summary>Bytes the store holds for each turn of one conversation chained through previous_response_id.</summary>
internal static class StoreBytesBench
{
    public static async Task<List<string>> RunAsync(BenchRelay relay, string redis)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var database = connection.GetDatabase();
        string? previous = null;
        var sizes = new Dictionary<int, long>();
        for (var turn = 1; turn <= 200; turn++)
        {
            previous = await relay.CreateAsync($"User message number {turn:D4}.", previous);
            var conversation = previous.Substring(5, 32);
            sizes[turn] = await database.HashStringLengthAsync($"codexrelay/conversation/{conversation}/turn-{previous}", "data");
        }

        var cumulative = sizes.Values.Take(199).Sum();
        return
        [
            "## Bytes written to the store per turn (one conversation, each request only the new user message)",
            "",
            "| turn | bytes written (CodexRelay) | a whole-history-per-response store would write |",
            "|---|---|---|",
            $"| 1 | {sizes[1]} | {sizes[1]} |",
            $"| 50 | {sizes[50]} | {sizes.Where(s => s.Key <= 50).Sum(s => s.Value)} |",
            $"| 200 | {sizes[200]} | {cumulative + sizes[200]} |",
            "",
            $"turn 200 / turn 1 = {(double)sizes[200] / sizes[1]:0.00} (target ≤ 2.00): {(sizes[200] <= 2 * sizes[1] ? "PASS" : "FAIL")}",
            "",
        ];
    }
}
