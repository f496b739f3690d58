using CodexRelay.Testing.Golden;

namespace CodexRelay.Tests.Streaming;

/// <summary>The golden comparison forgives what varies between runs (ids, clocks) and nothing else.</summary>
public sealed class GoldenEventsTests
{
    private const string Golden = """
        event: response.created
        data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_a","created_at":1700000000,"output":[]}}

        event: response.output_item.added
        data: {"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"id":"msg_1","type":"message"}}

        event: response.output_text.delta
        data: {"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_1","delta":"Hi"}


        """;

    [Fact]
    public void Difference_OtherIdsAndTimestamps_IsNull()
    {
        var produced = Golden.Replace("resp_a", "resp_b", StringComparison.Ordinal).Replace("msg_1", "msg_9f2c", StringComparison.Ordinal)
            .Replace("1700000000", "1800000000", StringComparison.Ordinal);

        Assert.Null(GoldenEvents.Difference(SseFrame.Parse(Golden), SseFrame.Parse(produced)));
    }

    [Fact]
    public void Difference_ChangedDelta_NamesTheEvent()
    {
        var produced = Golden.Replace("\"Hi\"", "\"Hello\"", StringComparison.Ordinal);

        var difference = GoldenEvents.Difference(SseFrame.Parse(Golden), SseFrame.Parse(produced));

        Assert.StartsWith("event 2:", difference, StringComparison.Ordinal);
        Assert.Contains("Hello", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Difference_DeltaForAnotherItem_IsReported()
    {
        var produced = Golden.Replace("\"item_id\":\"msg_1\"", "\"item_id\":\"msg_2\"", StringComparison.Ordinal);

        Assert.NotNull(GoldenEvents.Difference(SseFrame.Parse(Golden), SseFrame.Parse(produced)));
    }

    [Fact]
    public void Difference_MissingEvent_IsReported()
    {
        var produced = SseFrame.Parse(Golden)[..2];

        Assert.Contains("missing response.output_text.delta", GoldenEvents.Difference(SseFrame.Parse(Golden), produced), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ThenParse_GivesTheSameFrames()
    {
        var frames = SseFrame.Parse(Golden);

        Assert.Null(GoldenEvents.Difference(frames, SseFrame.Parse(SseFrame.Format(frames))));
        Assert.Equal(SseFrame.Format(frames), SseFrame.Format(SseFrame.Parse(SseFrame.Format(frames))));
    }
}
