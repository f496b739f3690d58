// Measures what the history and WebSocket issues promise, side by side in one run:
// bytes written to the store per turn (turns 1, 50, 200), continuation latency (warm and cold grain),
// and bytes uploaded per turn over HTTP vs WebSocket for a 30-turn Codex session.
using CodexRelay.HistoryBench;

using var redis = await RedisServer.StartAsync();
await using var upstream = await FastUpstream.StartAsync();
var report = new List<string>();

await using (var relay = await BenchRelay.StartAsync(upstream.BaseUrl, redis.ConnectionString))
{
    report.AddRange(await StoreBytesBench.RunAsync(relay, redis.ConnectionString));
    report.AddRange(await ContinuationBench.RunWarmAsync(relay));
}

report.AddRange(await ContinuationBench.RunColdAsync(upstream.BaseUrl, redis.ConnectionString));
await using (var relay = await BenchRelay.StartAsync(upstream.BaseUrl, redis.ConnectionString))
{
    report.AddRange(await UploadBench.RunAsync(relay));
}

Console.WriteLine();
foreach (var line in report)
{
    Console.WriteLine(line);
}
