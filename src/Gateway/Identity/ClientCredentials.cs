namespace CodexRelay.Gateway.Identity;

/// <summary>What a transport knows of its client: the <c>Authorization</c> header and the remote address.</summary>
internal readonly record struct ClientCredentials(string? Authorization, System.Net.IPAddress? RemoteAddress)
{
    public static ClientCredentials Of(HttpContext context) => new(context.Request.Headers.Authorization, context.Connection.RemoteIpAddress);
}
