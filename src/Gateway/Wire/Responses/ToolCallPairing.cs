using System.Text.Json;
using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// The Responses API's rule for tool calls, checked over the stored history and the new input together: every
/// <c>function_call_output</c> / <c>custom_tool_call_output</c> answers a call made before it, and every
/// <c>function_call</c> / <c>custom_tool_call</c> is answered. OpenAI answers a broken pair with a 400 on
/// <c>input</c>, and so does the relay instead of patching the history: Codex itself sends only paired items (it
/// inserts an <c>aborted</c> output for an interrupted call and drops an output whose call it dropped), so no real
/// client needs a repair, and a provider given a patched history would answer something the client never asked.
/// </summary>
internal static class ToolCallPairing
{
    /// <summary>The first broken pair as a 400 on <c>input</c>, or null when every call and output pairs up.</summary>
    public static Failure? FindBrokenPair(IEnumerable<JsonElement> items)
    {
        var called = new HashSet<string>(StringComparer.Ordinal);
        var unanswered = new List<string>();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var type = InputItems.TypeOf(item);
            if (InputItems.GetString(item, "call_id") is not { } callId)
            {
                continue;
            }

            switch (type)
            {
                case "function_call_output" or "custom_tool_call_output":
                    if (!called.Contains(callId))
                    {
                        return Failure.InvalidRequest($"No tool call found for function call output with call_id {FailureText.Quote(callId)}.", "input");
                    }

                    answered.Add(callId);
                    break;
                case "function_call" or "custom_tool_call":
                    called.Add(callId);
                    unanswered.Add(callId);
                    break;
                default:
                    // Other call kinds (local shell, tool search, MCP) are answered in their own ways.
                    called.Add(callId);
                    break;
            }
        }

        return unanswered.FirstOrDefault(id => !answered.Contains(id)) is { } missing
            ? Failure.InvalidRequest($"No tool output found for function call {FailureText.Quote(missing)}.", "input")
            : null;
    }
}
