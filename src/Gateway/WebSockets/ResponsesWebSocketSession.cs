using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Contracts.History;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Errors;
using CodexRelay.Gateway.History;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Streaming;

namespace CodexRelay.Gateway.WebSockets;

/// <summary>
/// One Codex socket: frames are handled one at a time (Codex never pipelines), each through the same
/// pipeline as HTTP. <c>previous_response_id</c> chains resolve from this socket's chain, then from the
/// ResponseHistory grain (stored responses); anything else is <c>previous_response_not_found</c>, which
/// makes Codex reconnect and resend the full history.
/// </summary>
internal sealed class ResponsesWebSocketSession(
    WebSocket socket, ResponsePipeline pipeline, TimeProvider time, WebSocketSettings settings, long maxFrameBytes, string? authorization)
{
    private readonly SocketChain _chain = new();

    /// <summary>Serves the socket until it closes; returns how many frames it handled.</summary>
    public async Task<int> RunAsync(CancellationToken aborted, CancellationToken stopping)
    {
        var sink = new WebSocketEventSink(socket, aborted);
        var handled = 0;
        while (socket.State == WebSocketState.Open)
        {
            var frame = await WebSocketFrames.ReceiveAsync(socket, maxFrameBytes, settings.IdleTimeout, aborted, stopping);
            if (frame.Kind == FrameKind.Closed)
            {
                break;
            }

            if (frame.Kind == FrameKind.TooLarge)
            {
                await sink.RejectAsync(new RelayError(413, "invalid_request_error", "request_too_large", $"The frame is larger than the relay's limit of {maxFrameBytes} bytes."));
                await WebSocketFrames.CloseAsync(socket, WebSocketCloseStatus.MessageTooBig);
                return handled;
            }

            await HandleAsync(frame.Bytes, sink, aborted);
            handled++;
        }

        await WebSocketFrames.CloseAsync(socket, stopping.IsCancellationRequested ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure);
        return handled;
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> bytes, WebSocketEventSink sink, CancellationToken aborted)
    {
        if (!RequestDocument.TryParse(bytes, out var document, out var parseError))
        {
            await sink.RejectAsync(parseError!);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || InputItems.GetString(root, "type") != "response.create")
            {
                return;
            }

            if (!ResponsesRequestReader.TryRead(root, out var request, out var error))
            {
                await sink.RejectAsync(error!);
                return;
            }

            var (earlier, conversation) = await ResolveAsync(request);
            if (earlier is null)
            {
                await sink.RejectAsync(RelayError.PreviousResponseNotFound(request.PreviousResponseId!));
                return;
            }

            var input = request.Input.Select(item => item.Clone()).ToList();
            if (root.TryGetProperty("generate", out var generate) && generate.ValueKind == JsonValueKind.False)
            {
                await WarmUpAsync(request, earlier, input, conversation, sink);
                return;
            }

            var final = await pipeline.RunAsync(new ResponseRun(request, earlier, conversation, authorization), sink, aborted);
            if (final is not null)
            {
                var output = JsonSerializer.SerializeToElement(final["output"], WebSocketJsonContext.Default.JsonNode);
                _chain.Record(final["id"]!.GetValue<string>(), earlier, input, output.EnumerateArray());
            }
        }
    }

    private async Task<(IReadOnlyList<JsonElement>? Items, string ConversationId)> ResolveAsync(ResponsesRequest request)
    {
        if (request.PreviousResponseId is { } previous && _chain.TryGet(previous, out var items))
        {
            ResponseIds.TryGetConversationId(previous, out var conversation);
            return (items, conversation);
        }

        return await pipeline.ResolveAsync(request, ResponseHistoryClient.DefaultOwner);
    }

    /// <summary><c>generate: false</c>: answered at once with an id and no output, and remembered for chaining.</summary>
    private async Task WarmUpAsync(ResponsesRequest request, IReadOnlyList<JsonElement> earlier, List<JsonElement> input, string conversation, WebSocketEventSink sink)
    {
        var responseId = ResponseIds.NewResponseId(conversation);
        var response = ResponseObjects.Create(request, responseId, time.GetUtcNow().ToUnixTimeSeconds());
        var machine = new ResponseStreamMachine(response, ToolNameMap.Empty, RandomIdGenerator.Instance);
        await sink.WriteAsync(machine.Start());
        await sink.WriteAsync(machine.Finish(out var final));
        final["usage"] = new JsonObject { ["input_tokens"] = 0, ["output_tokens"] = 0, ["total_tokens"] = 0 };
        _chain.Record(responseId, earlier, input, []);
        await sink.CompleteAsync(machine.Terminal(final), final);
    }
}
