using Microsoft.Extensions.Logging;
using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Telemetry;

namespace CodexRelay.Tests.Telemetry;

/// <summary>The access lines are batched: written when flushed (the timer, 64 KB, or shutdown), in the console's shape.</summary>
public sealed class AccessLogWriterTests
{
    [Fact]
    public void Text_KeepsTheConsoleShape_AndWaitsForTheFlush()
    {
        var output = new MemoryStream();
        using var writer = new AccessLogWriter(json: false, output, new object());
        var logger = writer.CreateLogger(AccessLog.Category);

        RequestContextMiddleware.Write(logger, "POST", Measure(), "req_1");
        RequestContextMiddleware.Write(logger, "POST", Measure(), "req_2");
        var beforeFlush = output.Length;
        writer.Flush();

        Assert.Equal(0, beforeFlush);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("info: CodexRelay.Access[1900]", lines[0]);
        Assert.Matches(@"^      POST /v1/responses 200 model=gpt-x provider=default tenant=team-a duration_ms=\d+ ttfb_ms= tokens_in=12 tokens_out=3 finish=stop error= request_id=req_1$", lines[1]);
        Assert.EndsWith("request_id=req_2", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_OneObjectPerLine_WithTheNamedValues()
    {
        var output = new MemoryStream();
        var writer = new AccessLogWriter(json: true, output, new object());
        RequestContextMiddleware.Write(writer.CreateLogger(AccessLog.Category), "POST", Measure(), "req_1");

        writer.Dispose();

        var line = JsonNode.Parse(Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n'))!.AsObject();
        Assert.Equal("CodexRelay.Access", line["Category"]!.GetValue<string>());
        var state = line["State"]!.AsObject();
        Assert.Equal(200, state["Status"]!.GetValue<int>());
        Assert.Equal(12, state["InputTokens"]!.GetValue<long>());
        Assert.Equal("team-a", state["Tenant"]!.GetValue<string>());
        Assert.Null(state["ErrorCode"]);
        Assert.Equal("req_1", state["RequestId"]!.GetValue<string>());
    }

    [Fact]
    public void Flushes_ByItself_AndOnlyWritesTheAccessCategory()
    {
        var output = new MemoryStream();
        var outputLock = new object();
        using var writer = new AccessLogWriter(json: false, output, outputLock);
        writer.CreateLogger("Microsoft.AspNetCore.Hosting").LogInformation("not an access line");
        RequestContextMiddleware.Write(writer.CreateLogger(AccessLog.Category), "GET", Measure(), "req_3");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var text = "";
        while (text.Length == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
            lock (outputLock)
            {
                text = Encoding.UTF8.GetString(output.ToArray());
            }
        }

        Assert.Contains("request_id=req_3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not an access line", text, StringComparison.Ordinal);
    }

    private static RequestMeasure Measure() => new()
    {
        Route = "/v1/responses",
        Status = 200,
        Model = "gpt-x",
        Provider = "default",
        Tenant = "team-a",
        InputTokens = 12,
        OutputTokens = 3,
        FinishReason = "stop",
    };
}
