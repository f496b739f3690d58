using System.Text.Json;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Tests.Translation;

/// <summary>
/// Issue 14 §1: a call without its output, or an output without its call, is a 400 on <c>input</c> as OpenAI answers
/// it, over the stored history and the new input together; no repair, since Codex pairs its own history.
/// </summary>
public sealed class ToolCallPairingTests
{
    [Fact]
    public void CallsAnsweredLater_InHistoryOrInput_Pass()
    {
        var history = Items("""[{"role":"user","content":"hi"},{"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},{"type":"custom_tool_call","call_id":"c2","name":"apply_patch","input":"x"}]""");
        var input = Items("""[{"type":"function_call_output","call_id":"c1","output":"ok"},{"type":"custom_tool_call_output","call_id":"c2","output":"done"},{"role":"user","content":"next"}]""");

        Assert.Null(ToolCallPairing.FindBrokenPair(history.Concat(input)));
    }

    [Fact]
    public void OtherCallKinds_AnsweredTheirOwnWay_Pass()
    {
        Assert.Null(ToolCallPairing.FindBrokenPair(Items("""[{"type":"local_shell_call","call_id":"s1","action":{}},{"type":"function_call_output","call_id":"s1","output":"ok"}]""")));
    }

    [Fact]
    public void AnOutputWithoutItsCall_IsA400OnInput()
    {
        var failure = ToolCallPairing.FindBrokenPair(Items("""[{"type":"function_call_output","call_id":"lost","output":"old"},{"role":"user","content":"hi"}]""")) ;

        Assert.NotNull(failure);
        Assert.Equal(FailureKind.InvalidRequest, failure.Kind);
        Assert.Equal(400, failure.Status);
        Assert.Equal("input", failure.ParamName);
        Assert.Equal("No tool call found for function call output with call_id lost.", failure.Message);
    }

    [Fact]
    public void AnOutputBeforeItsCall_IsA400()
    {
        Assert.NotNull(ToolCallPairing.FindBrokenPair(Items("""[{"type":"function_call_output","call_id":"c1","output":"early"},{"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},{"type":"function_call_output","call_id":"c1","output":"ok"}]""")));
    }

    [Fact]
    public void ACallWithoutItsOutput_IsA400OnInput_EvenAtTheEnd()
    {
        var failure = ToolCallPairing.FindBrokenPair(Items("""[{"role":"user","content":"hi"},{"type":"function_call","call_id":"c9","name":"f","arguments":"{}"},{"role":"user","content":"never mind"}]"""));

        Assert.Equal("No tool output found for function call c9.", failure?.Message);
        Assert.Equal("input", failure?.ParamName);
    }

    [Fact]
    public void AHugeCallId_IsQuotedCut()
    {
        var id = new string('x', 50_000);
        var failure = ToolCallPairing.FindBrokenPair(Items($$"""[{"type":"function_call_output","call_id":"{{id}}","output":"o"}]"""));

        Assert.True(failure!.Message.Length < 300);
    }

    private static JsonElement[] Items(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
