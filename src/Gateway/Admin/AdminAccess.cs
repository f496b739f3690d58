using System.Security.Cryptography;
using System.Text;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Identity;

namespace CodexRelay.Gateway.Admin;

/// <summary>
/// <c>/admin</c> answers only to an admin key (<c>CODEX_RELAY_ADMIN_KEY</c>), compared in constant time; anything else —
/// no key, a wrong one, a relay key — is a 401. With no admin key configured <c>/admin</c> does not exist (404).
/// </summary>
internal sealed class AdminAccess(AuthOptions options) : IEndpointFilter
{
    private readonly IReadOnlyList<string> _adminKeys = options.AdminKeyList();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (_adminKeys.Count == 0)
        {
            return new Failure(FailureKind.RouteNotFound, "Unknown path: the admin API is off (no CODEX_RELAY_ADMIN_KEY).").ToResult();
        }

        var presented = RelayKeys.Bearer(http.Request.Headers.Authorization);
        var admin = presented is null ? null : _adminKeys.FirstOrDefault(key => RelayKeys.SecretEquals(presented, key));
        if (admin is null)
        {
            return new Failure(FailureKind.Unauthorized, "The admin API needs 'Authorization: Bearer <admin key>'.").ToResult();
        }

        http.Items[AdminNameItem] = Name(admin);
        return await next(context);
    }

    public const string AdminNameItem = "codexrelay.admin";

    /// <summary>How the audit log names an admin key: a fingerprint, never the key.</summary>
    public static string Name(string adminKey) => "admin_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(adminKey)))[..8];
}
