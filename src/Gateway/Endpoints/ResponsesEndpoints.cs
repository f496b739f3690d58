using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.History;
using CodexRelay.Gateway.Identity;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>The Responses API: create, and the stored-response endpoints (answered only to the owner).</summary>
internal static class ResponsesEndpoints
{
    public static IEndpointRouteBuilder MapResponsesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/responses");
        group.MapPost("", (HttpContext context, CreateResponseHandler handler) => handler.HandleAsync(context));
        group.MapGet("/{id}", GetAsync);
        group.MapDelete("/{id}", DeleteAsync);
        group.MapGet("/{id}/input_items", GetInputItemsAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IPrincipalResolver principals, ResponseHistoryClient history)
    {
        var (principal, denied) = await principals.ResolveAsync(ClientCredentials.Of(context), context.RequestAborted);
        if (principal is null)
        {
            return denied!.ToResult();
        }

        var (turn, failure) = await history.GetAsync(principal.Owner, id, context.RequestAborted);
        return failure?.ToResult()
            ?? (turn is null ? Failure.ResponseNotFound(id).ToResult() : Results.Text(turn.ResponseJson, "application/json"));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IPrincipalResolver principals, ResponseHistoryClient history)
    {
        var (principal, denied) = await principals.ResolveAsync(ClientCredentials.Of(context), context.RequestAborted);
        if (principal is null)
        {
            return denied!.ToResult();
        }

        var (deleted, failure) = await history.DeleteAsync(principal.Owner, id, context.RequestAborted);
        if (failure is not null)
        {
            return failure.ToResult();
        }

        if (!deleted)
        {
            return Failure.ResponseNotFound(id).ToResult();
        }

        var body = new JsonObject { ["id"] = id, ["object"] = "response.deleted", ["deleted"] = true };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> GetInputItemsAsync(
        string id, HttpContext context, IPrincipalResolver principals, ResponseHistoryClient history, string? order, int? limit, string? after)
    {
        var (principal, denied) = await principals.ResolveAsync(ClientCredentials.Of(context), context.RequestAborted);
        if (principal is null)
        {
            return denied!.ToResult();
        }

        var (turn, failure) = await history.GetAsync(principal.Owner, id, context.RequestAborted);
        if (failure is not null || turn is null)
        {
            return (failure ?? Failure.ResponseNotFound(id)).ToResult();
        }

        var page = InputItemsPage.Build(StoredItems.Input(turn), id, order ?? "desc", Math.Clamp(limit ?? 20, 1, 100), after);
        return Results.Text(page.ToJsonString(), "application/json");
    }
}
