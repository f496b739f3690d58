using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>A relay on a developer's loopback cannot be used by a web page: rebound host names, simple posts and page-opened sockets are refused.</summary>
public sealed class BrowserSafetyTests
{
    [Fact]
    public async Task AForeignHostHeader_OnLoopback_IsRefused_AsJson()
    {
        await using var harness = await RelayHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.Api, "models"));
        request.Headers.Host = "attacker.example";
        using var response = await RelayHttp.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("origin_not_allowed", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task APostAPageCanSendWithoutPreflight_Is415(string contentType)
    {
        await using var harness = await RelayHarness.StartAsync();
        using var content = new StringContent(RelayHttp.Body("hi"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await RelayHttp.Client.PostAsync(new Uri(harness.Api, "responses"), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(harness.Upstream.Requests);
    }

    [Fact]
    public async Task NoContentType_IsReadAsJson()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("fine")));
        using var content = new StringContent(RelayHttp.Body("hi", stream: false));
        content.Headers.ContentType = null;
        using var response = await RelayHttp.Client.PostAsync(new Uri(harness.Api, "responses"), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AWebSocketFromAPage_Is403_AndCodexWithoutOrigin_IsServed()
    {
        await using var harness = await RelayHarness.StartAsync();
        using var page = new System.Net.WebSockets.ClientWebSocket();
        page.Options.SetRequestHeader("Origin", "https://evil.example");
        var wsUri = new Uri(harness.Api.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "responses");
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => page.ConnectAsync(wsUri, CancellationToken.None));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);

        await using var socket = await ResponsesSocket.ConnectAsync(harness.Api);
        harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("socket ok")));
        var events = await socket.SendAsync(ResponsesSocket.Create("hi"));
        Assert.Equal("response.completed", events[^1]["type"]!.GetValue<string>());
    }
}
