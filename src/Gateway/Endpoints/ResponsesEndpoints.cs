using System.Text.Json.Nodes;
using CodexRelay.Gateway.Errors;
using CodexRelay.Gateway.History;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>The Responses API: create, and the stored-response endpoints.</summary>
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

    private static async Task<IResult> GetAsync(string id, ResponseHistoryClient history)
    {
        var turn = await history.GetAsync(ResponseHistoryClient.DefaultOwner, id);
        return turn is null ? RelayError.ResponseNotFound(id).ToResult() : Results.Text(turn.ResponseJson, "application/json");
    }

    private static async Task<IResult> DeleteAsync(string id, ResponseHistoryClient history)
    {
        var deleted = await history.DeleteAsync(ResponseHistoryClient.DefaultOwner, id);
        if (!deleted)
        {
            return RelayError.ResponseNotFound(id).ToResult();
        }

        var body = new JsonObject { ["id"] = id, ["object"] = "response.deleted", ["deleted"] = true };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> GetInputItemsAsync(string id, ResponseHistoryClient history, string? order, int? limit, string? after)
    {
        var turn = await history.GetAsync(ResponseHistoryClient.DefaultOwner, id);
        if (turn is null)
        {
            return RelayError.ResponseNotFound(id).ToResult();
        }

        var page = InputItemsPage.Build(StoredItems.Input(turn), id, order ?? "desc", Math.Clamp(limit ?? 20, 1, 100), after);
        return Results.Text(page.ToJsonString(), "application/json");
    }
}
