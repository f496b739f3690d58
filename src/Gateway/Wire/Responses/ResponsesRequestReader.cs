using System.Text.Json;
using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// Reads and validates a Responses request body. Wrong types are a 400 naming the <c>param</c>, also for the fields
/// the relay does not forward (<see cref="TopLevelValidator"/>); fields the API does not define (<c>client_metadata</c>,
/// a future field) are accepted and ignored. Values quoted in messages are cut (<see cref="FailureText"/>).
/// </summary>
internal static class ResponsesRequestReader
{
    public static bool TryRead(JsonElement root, out ResponsesRequest request, out Failure? error) =>
        TryRead(root, RequestLimits.Default, out request, out error);

    public static bool TryRead(JsonElement root, RequestLimits limits, out ResponsesRequest request, out Failure? error)
    {
        request = null!;
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = Failure.InvalidRequest("The request body must be a JSON object.", null);
            return false;
        }

        try
        {
            TopLevelValidator.Validate(root);
            request = new ResponsesRequest
            {
                Model = RequiredString(root, "model"),
                Input = ReadInput(root),
                Instructions = OptionalString(root, "instructions"),
                Tools = OptionalArray(root, "tools"),
                ToolChoice = Optional(root, "tool_choice", JsonValueKind.String, JsonValueKind.Object),
                ParallelToolCalls = OptionalBool(root, "parallel_tool_calls"),
                MaxOutputTokens = OptionalPositiveInt(root, "max_output_tokens"),
                Temperature = OptionalNumber(root, "temperature"),
                TopP = OptionalNumber(root, "top_p"),
                ReasoningEffort = ReadReasoningEffort(root),
                TextFormat = ReadTextFormat(root),
                Stream = OptionalBool(root, "stream") ?? false,
                Store = OptionalBool(root, "store") ?? true,
                PreviousResponseId = OptionalString(root, "previous_response_id"),
                Metadata = Optional(root, "metadata", JsonValueKind.Object),
            };
            if (request.Model.Length > RequestLimits.MaxModelLength)
            {
                throw new RequestValidationException($"Invalid 'model': '{FailureText.Quote(request.Model)}' is longer than {RequestLimits.MaxModelLength} characters.", "model");
            }

            InputItemValidator.Validate(request.Input, limits);
            ToolValidator.Validate(request.Tools, request.ToolChoice, limits);
            if (request.Input.Count == 0 && request.PreviousResponseId is null)
            {
                // Nothing to answer: every provider rejects a conversation without messages.
                throw new RequestValidationException("Missing required parameter: 'input'.", "input");
            }

            return true;
        }
        catch (RequestValidationException invalid)
        {
            error = Failure.InvalidRequest(invalid.Message, invalid.Param);
            return false;
        }
    }

    private static List<JsonElement> ReadInput(JsonElement root)
    {
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return input.ValueKind switch
        {
            JsonValueKind.String => [UserMessage(input.GetString()!)],
            JsonValueKind.Array => [.. input.EnumerateArray()],
            _ => throw new RequestValidationException("'input' must be a string or an array of items.", "input"),
        };
    }

    private static JsonElement UserMessage(string text) =>
        JsonSerializer.SerializeToElement(
            new Dictionary<string, object> { ["type"] = "message", ["role"] = "user", ["content"] = text },
            ResponsesJsonContext.Default.DictionaryStringObject);

    private static string? ReadReasoningEffort(JsonElement root)
    {
        if (Optional(root, "reasoning", JsonValueKind.Object) is not { } reasoning)
        {
            return null;
        }

        return reasoning.TryGetProperty("effort", out var effort) && effort.ValueKind != JsonValueKind.Null
            ? effort.ValueKind == JsonValueKind.String ? effort.GetString() : throw new RequestValidationException("'reasoning.effort' must be a string.", "reasoning.effort")
            : null;
    }

    private static JsonElement? ReadTextFormat(JsonElement root)
    {
        if (Optional(root, "text", JsonValueKind.Object) is not { } text)
        {
            return null;
        }

        return Optional(text, "format", JsonValueKind.Object) is { } format ? format : null;
    }

    private static string RequiredString(JsonElement root, string name) =>
        OptionalString(root, name) is { Length: > 0 } value
            ? value
            : throw new RequestValidationException($"Missing required parameter: '{name}'.", name);

    private static string? OptionalString(JsonElement root, string name) =>
        Optional(root, name, JsonValueKind.String)?.GetString();

    private static bool? OptionalBool(JsonElement root, string name) =>
        Optional(root, name, JsonValueKind.True, JsonValueKind.False)?.GetBoolean();

    private static double? OptionalNumber(JsonElement root, string name) =>
        Optional(root, name, JsonValueKind.Number)?.GetDouble();

    private static int? OptionalPositiveInt(JsonElement root, string name)
    {
        if (Optional(root, name, JsonValueKind.Number) is not { } value)
        {
            return null;
        }

        return value.TryGetInt32(out var number) && number > 0
            ? number
            : throw new RequestValidationException($"'{name}' must be a positive integer.", name);
    }

    private static List<JsonElement> OptionalArray(JsonElement root, string name) =>
        Optional(root, name, JsonValueKind.Array) is { } array ? [.. array.EnumerateArray()] : [];

    private static JsonElement? Optional(JsonElement root, string name, params ReadOnlySpan<JsonValueKind> kinds) =>
        JsonFields.Optional(root, name, name, kinds);

    internal static string Describe(JsonValueKind kind) => JsonFields.Describe(kind);
}
