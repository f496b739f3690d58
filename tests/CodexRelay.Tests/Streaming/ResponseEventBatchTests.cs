using System.Text;
using System.Text.Json;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Tests.Streaming;

public sealed class ResponseEventBatchTests
{
    [Fact]
    public void Events_AreWholeObjects_WithTheirTypeAndSequenceNumberFirst()
    {
        using var batch = new ResponseEventBatch();
        batch.Begin(ResponseEventTypes.OutputTextDelta, 7).WriteString("delta", "é\"\n");
        batch.End();
        batch.Begin(ResponseEventTypes.OutputTextDone, 8).WriteString("text", "x");
        batch.End();

        Assert.Equal(2, batch.Count);
        Assert.Equal(ResponseEventTypes.OutputTextDelta, batch.TypeAt(0));
        Assert.Equal("""{"type":"response.output_text.delta","sequence_number":7,"delta":"é\"\n"}""", Encoding.UTF8.GetString(batch.JsonAt(0).Span));
        Assert.Equal("""{"type":"response.output_text.done","sequence_number":8,"text":"x"}""", Encoding.UTF8.GetString(batch.JsonAt(1).Span));
    }

    [Fact]
    public void Clear_DropsAnEventLeftOpenByAThrow()
    {
        using var batch = new ResponseEventBatch();
        var writer = batch.Begin(ResponseEventTypes.OutputItemAdded, 0);
        writer.WriteStartObject("item");
        writer.WriteString("type", "message");

        batch.Clear();
        batch.Begin(ResponseEventTypes.Failed, 1).WriteNull("response");
        batch.End();

        Assert.Equal(1, batch.Count);
        using var failed = JsonDocument.Parse(batch.JsonAt(0));
        Assert.Equal("response.failed", failed.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public void Clear_KeepsNothingOfTheLastBatch()
    {
        using var batch = new ResponseEventBatch();
        batch.Begin(ResponseEventTypes.OutputTextDelta, 0).WriteString("delta", new string('a', 20_000));
        batch.End();

        batch.Clear();
        batch.Begin(ResponseEventTypes.OutputTextDelta, 1).WriteString("delta", "b");
        batch.End();

        Assert.Equal(1, batch.Count);
        Assert.Equal("""{"type":"response.output_text.delta","sequence_number":1,"delta":"b"}""", Encoding.UTF8.GetString(batch.JsonAt(0).Span));
    }
}
