using System.Diagnostics;
using System.Text;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Gateway.Hosting;
using CodexRelay.Testing.Upstream;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace CodexRelay.EndToEnd.Tests.Telemetry;

/// <summary>
/// One stored request's trace, caught by the in-memory exporter: the gateway's server span, the model-call span with
/// GenAI attributes, the grain call into the (co-hosted) silo and the upstream HTTP call, all under one trace id.
/// </summary>
public sealed class TraceTests
{
    [Fact]
    public async Task OneRequest_HasGatewayGrainAndUpstreamSpans_InOneTrace_WithGenAiAttributes_AndNoPrompt()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("traced answer")));
        var spans = new List<Activity>();
        await using var app = RelayApplication.Build(
            ["--port", "0", "--upstream", upstream.BaseAddress.ToString().TrimEnd('/')],
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans));
            });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        // Our own trace: the test process may run other relays whose spans reach the same listener. The test's
        // HttpClient is instrumented too, so the trace starts at an activity of ours and its call is the first span.
        var traceId = ActivityTraceId.CreateRandom();
        using var root = new Activity("test").SetParentId(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/v1/responses"))
        {
            Content = new StringContent(RelayHttp.Body("secret-prompt-for-trace", store: true), Encoding.UTF8, "application/json"),
        };
        using (var response = await RelayHttp.Client.SendAsync(request))
        {
            Assert.Contains("response.completed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var trace = await WaitForAsync(spans, traceId, t => t.Any(IsGateway) && t.Any(s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server));
        var names = string.Join("\n", trace.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName}"));

        var server = Assert.Single(trace, IsGateway);
        var chat = Assert.Single(trace, s => s.Source.Name == "CodexRelay");
        Assert.Equal("chat", chat.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("default", chat.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("scripted-model", chat.GetTagItem("gen_ai.request.model"));
        Assert.Equal("scripted-model", chat.GetTagItem("gen_ai.response.model"));
        Assert.Equal(120L, chat.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(12L, chat.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(["stop"], (string[])chat.GetTagItem("gen_ai.response.finish_reasons")!);
        Assert.Single(trace, s => s.Source.Name == "System.Net.Http" && s.Kind == ActivityKind.Client && s.ParentSpanId == chat.SpanId);
        var grainCall = Assert.Single(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Client && s.DisplayName == "IFirstTurnWriterGrain/RecordAsync");
        Assert.Equal(chat.SpanId, grainCall.ParentSpanId);
        Assert.Contains(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server && s.ParentSpanId == grainCall.SpanId);
        Assert.All(trace, s => Assert.Equal(traceId, s.TraceId));
        Assert.True(chat.ParentSpanId == server.SpanId, names);
        Assert.DoesNotContain(trace.SelectMany(s => s.TagObjects), tag => tag.Value?.ToString()?.Contains("secret-prompt", StringComparison.Ordinal) == true);
    }

    private static bool IsGateway(Activity span) =>
        span.Source.Name == "Microsoft.AspNetCore" && span.Kind == ActivityKind.Server && span.DisplayName.StartsWith("POST /v1/responses", StringComparison.Ordinal);

    private static async Task<List<Activity>> WaitForAsync(List<Activity> spans, ActivityTraceId traceId, Func<List<Activity>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            List<Activity> trace;
            lock (spans)
            {
                trace = [.. spans.Where(s => s.TraceId == traceId)];
            }

            if (done(trace) || DateTime.UtcNow > deadline)
            {
                return trace;
            }

            await Task.Delay(100);
        }
    }
}
