using CodexRelay.Testing.Files;
using CodexRelay.Testing.Golden;

namespace CodexRelay.Tests.Streaming;

/// <summary>
/// Each tests/fixtures/streaming/CASE/chat.sse (an upstream's Chat Completions stream) must become exactly the
/// Responses stream in CASE/responses.sse, event by event. CODEX_RELAY_RECORD_GOLDEN=1 rewrites the responses.sse
/// files instead (tests/README.md); read the diff before committing it.
/// </summary>
public sealed class GoldenStreamTests
{
    private static readonly string[] Required =
    [
        "plain-text", "reasoning-then-text", "tool-call-split", "parallel-tool-calls", "think-tags", "dsml-leak",
        "length-incomplete", "truncated", "usage-cached-reasoning",
    ];

    public static TheoryData<string> Cases() => [.. CaseNames()];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Replay_ChatStream_MatchesTheGoldenResponsesStream(string name)
    {
        var produced = (await GoldenStream.ReplayAsync(name)).Select(SseFrame.Of).ToList();

        if (GoldenFile.Recording)
        {
            GoldenFile.Record(SseFrame.Format(produced), "streaming", name, "responses.sse");
            return;
        }

        var golden = TestPaths.Fixture("streaming", name, "responses.sse");
        Assert.True(File.Exists(golden), $"{name} has no responses.sse: record it with {GoldenFile.RecordVariable}=1 (tests/README.md).");
        var difference = GoldenEvents.Difference(SseFrame.Parse(await File.ReadAllTextAsync(golden)), produced);
        Assert.True(difference is null, $"{name}: {difference}\n(If the change is intended, re-record with {GoldenFile.RecordVariable}=1 and review the diff.)");
    }

    [Fact]
    public void Cases_CoverEveryRequiredStream()
    {
        var present = CaseNames().ToHashSet(StringComparer.Ordinal);

        Assert.All(Required, name => Assert.Contains(name, present));
    }

    private static IEnumerable<string> CaseNames() =>
        Directory.GetDirectories(TestPaths.Fixture("streaming")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
}
