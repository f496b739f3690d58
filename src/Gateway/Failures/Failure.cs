using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Failures;

/// <summary>
/// One failure of a closed kind, with its message. Upstream rejections keep the provider's own <c>type</c> and
/// <c>code</c> (Codex reads some of them); everything else takes its shape from <see cref="FailureTable"/>.
/// </summary>
internal sealed record Failure(FailureKind Kind, string Message, string? Param = null)
{
    /// <summary>Seconds the client should wait, passed on as <c>retry-after</c>.</summary>
    public string? RetryAfter { get; init; }

    public string? UpstreamType { get; init; }

    public string? UpstreamCode { get; init; }

    /// <summary>The exception the failure was made from, for the log (message and stack); never sent to a client.</summary>
    public Exception? Cause { get; init; }

    /// <summary>What the provider said when the client is told less (a refused credential): logged, never sent.</summary>
    public string? UpstreamDetail { get; init; }

    public int Status => FailureTable.Of(Kind).Status;

    public string Type => UpstreamType ?? FailureTable.Of(Kind).Type;

    public string? Code => UpstreamCode ?? FailureTable.Of(Kind).Code;

    public string? ParamName => Param ?? FailureTable.Of(Kind).Param;

    public static Failure InvalidRequest(string message, string? param) => new(FailureKind.InvalidRequest, message, param);

    public static Failure PreviousResponseNotFound(string id) =>
        new(FailureKind.PreviousResponseNotFound, $"Previous response with id '{FailureText.Quote(id)}' not found.");

    public static Failure ResponseNotFound(string id) =>
        new(FailureKind.ResponseNotFound, $"No response found with id '{FailureText.Quote(id)}'.");

    /// <summary>Before the first byte: the body of the HTTP error.</summary>
    public JsonObject ToErrorObject() => new()
    {
        ["type"] = Type,
        ["code"] = Code,
        ["message"] = Message,
        ["param"] = ParamName,
    };

    /// <summary>After the first byte: the <c>error</c> of the failed Response object.</summary>
    public JsonObject ToResponseError() => new() { ["code"] = Code ?? "server_error", ["message"] = Message };

    /// <summary>On a WebSocket: the <c>error</c> frame.</summary>
    public JsonObject ToSocketFrame() => new() { ["type"] = "error", ["status"] = Status, ["error"] = ToErrorObject() };
}
