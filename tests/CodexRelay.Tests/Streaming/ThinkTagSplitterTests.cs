using CodexRelay.Gateway.Translation.Streaming;

namespace CodexRelay.Tests.Streaming;

public sealed class ThinkTagSplitterTests
{
    [Theory]
    [InlineData(new[] { "<think>a", "b</think>", "\n\nanswer" }, "ab", "answer")]
    [InlineData(new[] { "<thin", "king>deep", " thought</thinking>ok" }, "deep thought", "ok")]
    [InlineData(new[] { "◁think▷kimi◁/th", "ink▷done" }, "kimi", "done")]
    [InlineData(new[] { "plain ", "<think>not a tag here" }, "", "plain <think>not a tag here")]
    [InlineData(new[] { "<think>never closed" }, "never closed", "")]
    public void Chunks_SplitIntoReasoningAndAnswer(string[] chunks, string reasoning, string answer)
    {
        var splitter = new ThinkTagSplitter();
        var output = new List<(bool Reasoning, string Text)>();
        foreach (var chunk in chunks)
        {
            splitter.Push(chunk, output);
        }

        splitter.Flush(output);

        Assert.Equal(reasoning, string.Concat(output.Where(o => o.Reasoning).Select(o => o.Text)));
        Assert.Equal(answer, string.Concat(output.Where(o => !o.Reasoning).Select(o => o.Text)));
    }
}
