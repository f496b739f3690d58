using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Telemetry;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Endpoints;

/// <summary><c>POST /v1/responses</c>: reads the body and hands it to the front-end; events go out as SSE or one blocking reply.</summary>
internal sealed class CreateResponseHandler(ResponseFrontEnd frontEnd)
{
    public async Task HandleAsync(HttpContext context)
    {
        using var body = await RequestBody.ReadAsync(context);
        if (body.Error is not null)
        {
            await FailureResults.WriteAsync(context, body.Error);
            return;
        }

        var credentials = ClientCredentials.Of(context);
        var measure = context.Features.Get<RequestMeasure>() ?? new RequestMeasure();
        await frontEnd.HandleAsync(new ResponseCall(body.Bytes, credentials) { Measure = measure }, new HttpTransport(context), context.RequestAborted);
    }

    private sealed class HttpTransport(HttpContext context) : IResponseTransport
    {
        public Task RejectAsync(Failure failure) => FailureResults.WriteAsync(context, failure);

        public IResponseEventSink SinkFor(ResponsesRequest request) =>
            request.Stream ? new SseEventSink(context) : new BlockingEventSink(context);
    }
}
