namespace CodexRelay.Gateway.Configuration;

/// <summary>
/// One entry of <c>CodexRelay:Routes</c>: the first route whose <see cref="Models"/> pattern matches the requested
/// model wins, and its <see cref="Providers"/> are tried in order.
/// </summary>
internal sealed class RouteOptions
{
    /// <summary>Comma-separated model patterns (<c>*</c> wildcard), e.g. <c>deepseek-*</c>.</summary>
    public string? Models { get; set; }

    public List<string> Providers { get; set; } = [];
}
