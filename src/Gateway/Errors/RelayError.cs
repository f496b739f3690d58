using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Errors;

/// <summary>An OpenAI-shaped error: HTTP status plus <c>type</c>, <c>code</c>, <c>message</c>, <c>param</c>.</summary>
internal sealed record RelayError(int Status, string Type, string? Code, string Message, string? Param = null)
{
    /// <summary>Seconds the client should wait, passed on as <c>retry-after</c>.</summary>
    public string? RetryAfter { get; init; }

    public static RelayError InvalidRequest(string message, string? param, string code = "invalid_request") =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error", code, message, param);

    public static RelayError PreviousResponseNotFound(string id) =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error", "previous_response_not_found",
            $"Previous response with id '{id}' not found.", "previous_response_id");

    public static RelayError ResponseNotFound(string id) =>
        new(StatusCodes.Status404NotFound, "invalid_request_error", "not_found", $"No response found with id '{id}'.", "response_id");

    public JsonObject ToErrorObject() => new()
    {
        ["type"] = Type,
        ["code"] = Code,
        ["message"] = Message,
        ["param"] = Param,
    };

    public JsonObject ToBody() => new() { ["error"] = ToErrorObject() };
}
