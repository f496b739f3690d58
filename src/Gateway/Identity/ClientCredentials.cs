using CodexRelay.Gateway.Telemetry;

namespace CodexRelay.Gateway.Identity;

/// <summary>
/// What a transport knows of its client: the <c>Authorization</c> header, the remote address, and whether the request
/// is the start-up warm-up's own (admitted by its pass, see <c>WarmUpPass</c>).
/// </summary>
internal readonly record struct ClientCredentials(string? Authorization, System.Net.IPAddress? RemoteAddress, bool WarmUp = false)
{
    public static ClientCredentials Of(HttpContext context) =>
        new(context.Request.Headers.Authorization, context.Connection.RemoteIpAddress, context.Features.Get<RequestMeasure>()?.WarmUp is true);
}
