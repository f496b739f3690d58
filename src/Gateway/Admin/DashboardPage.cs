namespace CodexRelay.Gateway.Admin;

/// <summary>
/// <c>GET /dashboard</c>: one static page (embedded, no build toolchain) that always answers 200; its data comes from
/// <c>/admin/*</c> with the admin key the operator types in (kept in session storage, sent as a header, never in a URL).
/// </summary>
internal static class DashboardPage
{
    private static readonly Lazy<byte[]> Html = new(() =>
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("CodexRelay.Gateway.Admin.dashboard.html")
            ?? throw new InvalidOperationException("The dashboard page is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'none'";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return Results.Bytes(Html.Value, "text/html; charset=utf-8");
        });
        return app;
    }
}
