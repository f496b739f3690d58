using CodexRelay.Gateway.Failures;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// What the fallback answers: a path some route serves with other methods is a 405 with <c>Allow</c> (ASP.NET would
/// send that with an empty body, and the fallback would otherwise turn it into a 404); anything else a 404. Both JSON.
/// </summary>
internal static class UnmatchedRoute
{
    public static IResult Answer(HttpContext context, EndpointDataSource endpoints)
    {
        var path = context.Request.Path.Value ?? "";
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is { } methods && endpoint.RoutePattern.RawText is { } raw
                && !raw.Contains("{*", StringComparison.Ordinal) && Matches(endpoint.RoutePattern, path))
            {
                allowed.UnionWith(methods.HttpMethods);
            }
        }

        if (allowed.Count == 0)
        {
            return new Failure(FailureKind.RouteNotFound, $"Unknown path: {context.Request.Method} {FailureText.Quote(path)}.").ToResult();
        }

        context.Response.Headers.Allow = string.Join(", ", allowed);
        return new Failure(FailureKind.MethodNotAllowed, $"{FailureText.Quote(context.Request.Method)} is not allowed on {FailureText.Quote(path)}; use {string.Join(" or ", allowed)}.").ToResult();
    }

    private static bool Matches(RoutePattern pattern, string path) =>
        new TemplateMatcher(TemplateParser.Parse(pattern.RawText!.TrimStart('/')), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary());
}
