using System.ClientModel;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;
using OpenAI;
using OpenAI.Responses;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>The official OpenAI .NET SDK's Responses client, pointed at the relay.</summary>
public sealed class OpenAiSdkTests
{
    [Fact]
    public async Task Blocking_ReturnsACompleteResponse()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("Hello from the provider.")));

        var response = (await Client(harness).CreateResponseAsync("scripted-model", "Say hello", previousResponseId: null)).Value;

        Assert.Equal("Hello from the provider.", response.GetOutputText());
        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.Equal(132, response.Usage.TotalTokenCount);
        Assert.Equal("user", Messages(harness.Upstream.Requests[0])[^1]["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streaming_DeliversDeltasThenCompleted()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("Streamed answer.")));
        var deltas = new List<string>();
        ResponseResult? completed = null;

        await foreach (var update in Client(harness).CreateResponseStreamingAsync("scripted-model", "Stream please", previousResponseId: null))
        {
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    deltas.Add(delta.Delta);
                    break;
                case StreamingResponseCompletedUpdate done:
                    completed = done.Response;
                    break;
            }
        }

        Assert.Equal("Streamed answer.", string.Concat(deltas));
        Assert.True(deltas.Count >= 2);
        Assert.NotNull(completed);
        Assert.Equal("Streamed answer.", completed.GetOutputText());
    }

    [Fact]
    public async Task PreviousResponseId_ContinuesTheConversation()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("Your name is Ada.")), ScriptedReply.Stream(Chunks.Answer("Goodbye, Ada.")));
        var client = Client(harness);

        var first = (await client.CreateResponseAsync("scripted-model", "My name is Ada.", previousResponseId: null)).Value;
        var second = (await client.CreateResponseAsync("scripted-model", "Say goodbye.", previousResponseId: first.Id)).Value;

        Assert.Equal("Goodbye, Ada.", second.GetOutputText());
        var messages = Messages(harness.Upstream.Requests[1]);
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m["role"]!.GetValue<string>()));
        Assert.Equal("My name is Ada.", messages[0]["content"]!.GetValue<string>());
        Assert.Equal("Your name is Ada.", messages[1]["content"]!.GetValue<string>());
        var stored = (await client.GetResponseAsync(first.Id)).Value;
        Assert.Equal("Your name is Ada.", stored.GetOutputText());
    }

    [Fact]
    public async Task UnknownPreviousResponseId_IsA400WithTheCodeTheSdkKnows()
    {
        await using var harness = await RelayHarness.StartAsync();
        var missing = "resp_" + new string('a', 64);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(harness).CreateResponseAsync("scripted-model", "hi", missing));

        Assert.Equal(400, error.Status);
        var body = JsonNode.Parse(error.GetRawResponse()!.Content.ToString())!["error"]!;
        Assert.Equal("previous_response_not_found", body["code"]!.GetValue<string>());
        Assert.Equal("previous_response_id", body["param"]!.GetValue<string>());
        Assert.Empty(harness.Upstream.Requests);
    }

    [Fact]
    public async Task DeletedResponse_CannotBeContinued()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("Stored.")));
        var client = Client(harness);
        var first = (await client.CreateResponseAsync("scripted-model", "Store me", previousResponseId: null)).Value;

        await client.DeleteResponseAsync(first.Id);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync(first.Id));
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task InputItems_ListWhatTheRequestSent()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("Noted.")));
        var client = Client(harness);
        var response = (await client.CreateResponseAsync("scripted-model", "Note this down.", previousResponseId: null)).Value;

        var items = new List<ResponseItem>();
        await foreach (var item in client.GetResponseInputItemsAsync(response.Id))
        {
            items.Add(item);
        }

        var message = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(items));
        Assert.Equal("Note this down.", message.Content[0].Text);
    }

    private static ResponsesClient Client(RelayHarness harness) =>
        new(new ApiKeyCredential("sk-sdk-test"), new OpenAIClientOptions { Endpoint = harness.Api });

    private static List<JsonObject> Messages(JsonObject request) => [.. request["messages"]!.AsArray().Select(m => m!.AsObject())];
}
