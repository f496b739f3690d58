using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Identity;

namespace CodexRelay.Gateway.Admin;

/// <summary>
/// Who may read <c>/metrics</c>: anyone in <c>none</c> mode or when <c>CodexRelay:Metrics:Anonymous</c> is set;
/// otherwise a bearer that is an admin key or a metrics key (compared in constant time), else an OpenAI-shaped 401.
/// </summary>
internal sealed class MetricsAccess(RequestDelegate next, AuthOptions auth, RelayAuthMode mode, Microsoft.Extensions.Options.IOptions<MetricsOptions> metrics)
{
    private readonly IReadOnlyList<string> _keys = [.. metrics.Value.KeyList(), .. auth.AdminKeyList()];

    private readonly bool _open = metrics.Value.Anonymous || mode.Mode == AuthOptions.NoneMode;

    public async Task InvokeAsync(HttpContext context)
    {
        if (_open || (RelayKeys.Bearer(context.Request.Headers.Authorization) is { } presented && _keys.Any(key => RelayKeys.SecretEquals(presented, key))))
        {
            await next(context);
            return;
        }

        await FailureResults.WriteAsync(context, new Failure(FailureKind.Unauthorized,
            "/metrics needs 'Authorization: Bearer <metrics key or admin key>' (CODEX_RELAY_METRICS_KEY), or CodexRelay:Metrics:Anonymous=true."));
    }
}
