namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>The Responses stream event names: each is both the JSON <c>type</c> and the SSE <c>event:</c>.</summary>
internal static class ResponseEventTypes
{
    public const string Created = "response.created";
    public const string InProgress = "response.in_progress";
    public const string Completed = "response.completed";
    public const string Incomplete = "response.incomplete";
    public const string Failed = "response.failed";
    public const string OutputItemAdded = "response.output_item.added";
    public const string OutputItemDone = "response.output_item.done";
    public const string ContentPartAdded = "response.content_part.added";
    public const string ContentPartDone = "response.content_part.done";
    public const string OutputTextDelta = "response.output_text.delta";
    public const string OutputTextDone = "response.output_text.done";
    public const string FunctionCallArgumentsDelta = "response.function_call_arguments.delta";
    public const string FunctionCallArgumentsDone = "response.function_call_arguments.done";
    public const string CustomToolCallInputDelta = "response.custom_tool_call_input.delta";
    public const string CustomToolCallInputDone = "response.custom_tool_call_input.done";
    public const string ReasoningSummaryPartAdded = "response.reasoning_summary_part.added";
    public const string ReasoningSummaryPartDone = "response.reasoning_summary_part.done";
    public const string ReasoningSummaryTextDelta = "response.reasoning_summary_text.delta";
    public const string ReasoningSummaryTextDone = "response.reasoning_summary_text.done";
}
