namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>Invalid request content, with the <c>param</c> path it concerns.</summary>
internal sealed class RequestValidationException(string message, string? param) : Exception(message)
{
    public string? Param { get; } = param;
}
