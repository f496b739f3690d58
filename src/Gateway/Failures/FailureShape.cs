namespace CodexRelay.Gateway.Failures;

/// <summary>How one <see cref="FailureKind"/> looks on the wire: HTTP status, OpenAI error <c>type</c>, <c>code</c>, default <c>param</c>.</summary>
internal readonly record struct FailureShape(int Status, string Type, string? Code, string? Param = null);
