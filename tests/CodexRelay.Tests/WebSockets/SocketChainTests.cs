using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Translation.Requests;

namespace CodexRelay.Tests.WebSockets;

/// <summary>The captured Codex WebSocket frame sets rebuild to the full conversation an HTTP request carries.</summary>
public sealed class SocketChainTests
{
    [Theory]
    [InlineData("basic")]
    [InlineData("reasoning")]
    public void CapturedFrames_RebuildTheFullInput_AndTranslateLikeHttp(string scenario)
    {
        var chain = new SocketChain();
        var directory = Fixtures.Path("codex_0_169_0", "ws", scenario);
        foreach (var request in Directory.GetFiles(directory, "*-recv-response.create.json").Order())
        {
            var frame = Load(request).GetProperty("frame");
            var sent = Load(Directory.GetFiles(directory, Path.GetFileName(request)[..4] + "*-sent-*.json").Single());
            var completed = sent.EnumerateArray().Last(e => e.GetProperty("type").GetString() == "response.completed").GetProperty("response");
            var responseId = completed.GetProperty("id").GetString()!;
            IReadOnlyList<JsonElement> earlier = [];
            if (frame.TryGetProperty("previous_response_id", out var previous))
            {
                Assert.True(chain.TryGet(previous.GetString()!, out earlier));
            }

            var input = frame.GetProperty("input").EnumerateArray().ToList();
            var effective = Path.Combine(directory, $"eff-{responseId}.json");
            if (File.Exists(effective))
            {
                var expected = Load(effective).GetProperty("input");
                var rebuilt = JsonSerializer.SerializeToNode(earlier.Concat(input).ToList());
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawText()), rebuilt), $"{responseId} differs");

                var wsRequest = Fixtures.Read(frame);
                var fromSocket = ChatRequestTranslator.ToChatRequest(wsRequest, earlier, new()).Body;
                var fromHttp = ChatRequestTranslator.ToChatRequest(wsRequest with { Input = [.. expected.EnumerateArray()] }, [], new()).Body;
                Assert.True(JsonNode.DeepEquals(fromHttp, fromSocket));
            }

            chain.Record(responseId, earlier, input, completed.GetProperty("output").EnumerateArray());
        }
    }

    [Fact]
    public void OldResponses_AreForgotten()
    {
        var chain = new SocketChain();
        for (var i = 0; i < 10; i++)
        {
            chain.Record($"r{i}", [], [], []);
        }

        Assert.False(chain.TryGet("r0", out _));
        Assert.True(chain.TryGet("r9", out _));
    }

    private static JsonElement Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
