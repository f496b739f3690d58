using CodexRelay.Gateway.Errors;
using CodexRelay.Gateway.History;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Translation.Requests;

namespace CodexRelay.Gateway.Endpoints;

/// <summary><c>POST /v1/responses</c>: read and check the body, fetch what it continues, run the pipeline into SSE or a blocking reply.</summary>
internal sealed class CreateResponseHandler(ResponsePipeline pipeline)
{
    public async Task HandleAsync(HttpContext context)
    {
        using var body = await RequestBody.ReadAsync(context);
        if (body.Error is not null)
        {
            await RelayErrorResults.WriteAsync(context, body.Error);
            return;
        }

        if (!RequestDocument.TryParse(body.Bytes, out var document, out var parseError))
        {
            await RelayErrorResults.WriteAsync(context, parseError!);
            return;
        }

        using (document)
        {
            if (!ResponsesRequestReader.TryRead(document.RootElement, out var request, out var error))
            {
                await RelayErrorResults.WriteAsync(context, error!);
                return;
            }

            var owner = ResponseHistoryClient.DefaultOwner;
            var (earlier, conversation) = await pipeline.ResolveAsync(request, owner);
            if (earlier is null)
            {
                await RelayErrorResults.WriteAsync(context, RelayError.PreviousResponseNotFound(request.PreviousResponseId!));
                return;
            }

            var run = new ResponseRun(request, earlier, conversation, context.Request.Headers.Authorization) { Owner = owner };
            IResponseEventSink sink = request.Stream ? new SseEventSink(context) : new BlockingEventSink(context);
            await pipeline.RunAsync(run, sink, context.RequestAborted);
        }
    }
}
