using CodexRelay.Gateway.Translation.Quirks;

namespace CodexRelay.Tests.Quirks;

/// <summary>The DSML filter lets plain text through as it comes and holds back markup, even a marker cut between deltas.</summary>
public sealed class DsmlToolCallFilterTests
{
    [Fact]
    public void PlainText_PassesThrough_DeltaByDelta()
    {
        var filter = new DsmlToolCallFilter();
        var text = new List<string>();

        filter.Push("Hello ", text);
        filter.Push("a < b and ", text);
        filter.Push("world", text);

        Assert.Equal("Hello a < b and world", string.Concat(text) + string.Concat(FlushText(filter)));
        Assert.False(filter.SawMarkup);
    }

    [Theory]
    [InlineData("<", "｜DSML｜invoke")]
    [InlineData("<｜DS", "ML｜invoke")]
    [InlineData("<|DSML", "|invoke")]
    public void AMarkerCutBetweenDeltas_IsHeldBack_AndHealed(string first, string second)
    {
        var filter = new DsmlToolCallFilter();
        var text = new List<string>();
        var bar = second.StartsWith('|') || first.Contains('|', StringComparison.Ordinal) ? "|" : "｜";

        filter.Push("Let me check. " + first, text);
        filter.Push(second + $" name=\"exec_command\"><{bar}DSML{bar}parameter name=\"cmd\" string=\"true\">ls</{bar}DSML{bar}parameter></{bar}DSML{bar}invoke>", text);
        var flushed = new List<string>();
        var calls = filter.Flush(flushed);

        Assert.Equal("Let me check. ", string.Concat(text) + string.Concat(flushed));
        Assert.True(filter.SawMarkup);
        var call = Assert.Single(calls);
        Assert.Equal("exec_command", call.Name);
        Assert.Equal("{\"cmd\":\"ls\"}", call.Arguments);
    }

    private static List<string> FlushText(DsmlToolCallFilter filter)
    {
        var rest = new List<string>();
        Assert.Empty(filter.Flush(rest));
        return rest;
    }
}
