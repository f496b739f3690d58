using System.Diagnostics;

namespace CodexRelay.HistoryBench;

/// <summary>Added latency of a previous_response_id continuation over a plain request, with a warm and a cold grain.</summary>
internal static class ContinuationBench
{
    public static async Task<List<string>> RunWarmAsync(BenchRelay relay)
    {
        var anchor = await relay.CreateAsync("Remember this.", null);
        for (var i = 0; i < 100; i++)
        {
            await relay.CreateAsync("warm-up", null, store: false);
            await relay.CreateAsync("warm-up", anchor, store: false);
        }

        var plain = new List<double>();
        var continued = new List<double>();
        for (var i = 0; i < 400; i++)
        {
            plain.Add(await TimeAsync(() => relay.CreateAsync("plain", null, store: false)));
            continued.Add(await TimeAsync(() => relay.CreateAsync("continued", anchor, store: false)));
        }

        var added = Median(continued) - Median(plain);
        return
        [
            "## Continuation vs plain request (blocking, loopback, same run)",
            "",
            "| | plain p50 (ms) | continuation p50 (ms) | added (ms) | target |",
            "|---|---|---|---|---|",
            $"| warm grain | {Median(plain):0.000} | {Median(continued):0.000} | {added:0.000} | ≤ 0.3: {(added <= 0.3 ? "PASS" : "FAIL")} |",
        ];
    }

    public static async Task<List<string>> RunColdAsync(string upstream, string redis)
    {
        var anchors = new List<string>();
        await using (var relay = await BenchRelay.StartAsync(upstream, redis))
        {
            for (var i = 0; i < 30; i++)
            {
                string? previous = null;
                for (var turn = 0; turn < 5; turn++)
                {
                    previous = await relay.CreateAsync($"conversation {i} turn {turn}", previous);
                }

                anchors.Add(previous!);
            }
        }

        // A new silo: every grain is cold and reads its turns from Redis.
        await using var restarted = await BenchRelay.StartAsync(upstream, redis);
        for (var i = 0; i < 50; i++)
        {
            await restarted.CreateAsync("warm-up", null, store: false);
        }

        var plain = new List<double>();
        var cold = new List<double>();
        foreach (var anchor in anchors)
        {
            plain.Add(await TimeAsync(() => restarted.CreateAsync("plain", null, store: false)));
            cold.Add(await TimeAsync(() => restarted.CreateAsync("continued", anchor, store: false)));
        }

        return [$"| cold grain (5 turns read from Redis) | {Median(plain):0.000} | {Median(cold):0.000} | {Median(cold) - Median(plain):0.000} | (reported) |", ""];
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
