using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Tests.Translation;

/// <summary>
/// Issue 14 §3: reading, validating and translating a request is linear in its items and tools. Ten times the work
/// (10k → 100k) must take under 15× the time; a quadratic step makes it ~100×. On a machine whose caches hold the
/// 10k request but not the 100k one, every phase crosses a memory tier there (measured here: serializing the
/// translated body alone, 1.0 → 33 ms), so that step may reach 30× when the next one, 100k → 200k, both out of
/// cache, stays linear: under 3× for twice the work (quadratic is 4×). Each run also has a hang guard. Time is the
/// thread's CPU time (a loaded machine does not stretch it), the best of a few runs after a warm-up.
/// </summary>
[Collection(CpuMeasuredCollection.Name)]
public sealed class LinearWorkTests
{
    private const int Small = 10_000;
    private const int Large = 100_000;
    private const int Larger = 200_000;
    private const double MaxRatio = 15;
    private const double MaxRatioAcrossCache = 30;
    private const double MaxDoublingRatio = 3;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(8);
    private static readonly RequestLimits Unlimited = new() { MaxInputItems = 1_000_000, MaxTools = 1_000_000, MaxContentParts = 1_000_000 };

    [Theory]
    [InlineData("gpt-4.1")]
    [InlineData("mistral-large-latest")]
    public void BlankMessagesAndToolRuns_TranslateInLinearTime(string model)
    {
        AssertLinear(n =>
        {
            var body = Messages(model, n);
            return () => Translate(body);
        });
    }

    [Fact]
    public void ManyTools_TranslateInLinearTime()
    {
        AssertLinear(n =>
        {
            var body = Tools(n);
            return () => Translate(body);
        });
    }

    /// <summary>Names that all sanitize alike: each finds its suffix in one probe, where probing from _2 each time made n names cost n²/2.</summary>
    [Fact]
    public void CollidingToolNames_AreResolvedInLinearProbes()
    {
        const int count = 100_000;
        var names = new ToolNameMap();
        for (var i = 0; i < count; i++)
        {
            // 17 characters of '.' and '!' give 2^17 distinct names that all sanitize to the same 17 underscores.
            names.Add(new ToolTarget(ToolKind.Function, string.Concat(Enumerable.Range(0, 17).Select(bit => (i >> bit & 1) == 0 ? '.' : '!')), null));
        }

        Assert.Equal(count, names.Count);
        Assert.InRange(names.Probes, count - 1, 2L * count);
    }

    /// <summary>
    /// Best of several runs per size after a warm-up; a ratio over the bound is measured again (up to three times), so
    /// a burst of load on a shared machine does not fail the test while a quadratic step fails every attempt.
    /// </summary>
    private static void AssertLinear(Func<int, Action> prepare)
    {
        var small = prepare(Small);
        var large = prepare(Large);
        small();
        large();
        Action? larger = null;
        var attempts = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var smallTime = Best(small, 7);
            var largeTime = Best(large, 5);
            var ratio = largeTime.TotalMilliseconds / Math.Max(smallTime.TotalMilliseconds, 0.001);
            if (ratio < MaxRatio)
            {
                return;
            }

            var measured = $"{Large} took {largeTime.TotalMilliseconds:F0} ms, {Small} took {smallTime.TotalMilliseconds:F1} ms: {ratio:F1}×";
            if (ratio < MaxRatioAcrossCache)
            {
                larger ??= prepare(Larger);
                var largerTime = Best(larger, 3);
                var doubling = largerTime.TotalMilliseconds / Math.Max(largeTime.TotalMilliseconds, 0.001);
                if (doubling < MaxDoublingRatio)
                {
                    return;
                }

                measured += $", {Larger} took {largerTime.TotalMilliseconds:F0} ms: {doubling:F1}× for twice the work";
            }

            attempts.Add(measured);
        }

        Assert.Fail($"not linear (10× the work: bound {MaxRatio}×, or {MaxRatioAcrossCache}× with 2× the work under {MaxDoublingRatio}×): {string.Join("; ", attempts)}");
    }

    private static TimeSpan Best(Action work, int runs)
    {
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            var paused = GC.GetTotalPauseDuration();
            var cpu = ThreadCpuClock.Now();
            work();

            // Collections cost with the live heap, not with the algorithm: their pauses are not counted.
            cpu = ThreadCpuClock.Now() - cpu - (GC.GetTotalPauseDuration() - paused);
            Assert.True(watch.Elapsed < HangGuard, $"hang guard: one run took {watch.Elapsed}");
            best = cpu < best ? cpu : best;
        }

        return best;
    }

    private static void Translate(byte[] body)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        Assert.True(RequestDocument.TryParse(body, out var document, out var parseError), parseError?.Message);
        using (document)
        {
            Assert.True(ResponsesRequestReader.TryRead(document.RootElement, Unlimited, out var request, out var error), error?.Message);
            var translated = ChatRequestTranslator.ToChatRequest(request, [], new TranslationSettings(), guard.Token);
            Assert.NotEmpty(translated.Body.ToJsonString());
        }
    }

    /// <summary>Blank messages between real ones (drop_blank_messages), runs of assistant text, tool calls and outputs followed by user messages (user_after_tool), late developer messages (no_late_system).</summary>
    private static byte[] Messages(string model, int count)
    {
        var input = new JsonArray();
        for (var i = 0; input.Count < count; i++)
        {
            input.Add(Message("user", ""));
            input.Add(Message("user", "question"));
            input.Add(Message("assistant", ""));
            input.Add(Message("assistant", "part one"));
            input.Add(Message("assistant", "part two"));
            input.Add(new JsonObject { ["type"] = "function_call", ["call_id"] = $"c{i}", ["name"] = "exec_command", ["arguments"] = "{}" });
            input.Add(new JsonObject { ["type"] = "function_call_output", ["call_id"] = $"c{i}", ["output"] = "done" });
            input.Add(Message("user", "   "));
            input.Add(Message("developer", "note"));
            input.Add(Message("system", ""));
        }

        var tools = new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "exec_command", ["parameters"] = new JsonObject { ["type"] = "object" } });
        return Encoding.UTF8.GetBytes(new JsonObject { ["model"] = model, ["input"] = input, ["tools"] = tools }.ToJsonString());
    }

    private static byte[] Tools(int count)
    {
        var tools = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            tools.Add(i % 2 == 0
                ? new JsonObject { ["type"] = "function", ["name"] = $"tool_{i}", ["description"] = "d", ["parameters"] = new JsonObject { ["type"] = "object" } }
                : new JsonObject { ["type"] = "namespace", ["name"] = $"mcp__s{i}", ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "t" }) });
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["model"] = "m", ["input"] = "hi", ["tools"] = tools }.ToJsonString());
    }

    private static JsonObject Message(string role, string text) => new() { ["role"] = role, ["content"] = text };
}
