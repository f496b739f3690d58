using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodexRelay.Deploy.Tests.Support;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.Deploy.Tests.Cluster;

/// <summary>
/// A stored conversation (store: true) continued with previous_response_id through whichever gateway the test
/// names, with one relay key (<c>crk_…</c>) as Codex sends it, retrying failed attempts as Codex does (5xx, refused
/// or timed-out connections), within a bound.
/// </summary>
internal sealed class Conversation(StrictChatUpstream upstream, string clientKey)
{
    public List<string> Ids { get; } = [];

    public List<string> Log { get; } = [];

    public string? Last => Ids.Count == 0 ? null : Ids[^1];

    public async Task TurnAsync(Pod gateway, int gatewayPort, int turn, TimeSpan bound)
    {
        upstream.DefaultReply = ScriptedReply.Stream(Chunks.Answer($"answer {turn}"));
        var body = new JsonObject { ["model"] = "scripted-model", ["input"] = $"question {turn}", ["store"] = true };
        if (Last is { } previous)
        {
            body["previous_response_id"] = previous;
        }

        var deadline = DateTime.UtcNow + bound;
        var attempts = 0;
        while (true)
        {
            attempts++;
            string outcome;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Address(gatewayPort), "v1/responses")) { Content = JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clientKey);
                using var response = await Http.Client.SendAsync(request, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    var json = JsonNode.Parse(text)!;
                    var output = string.Concat(json["output"]!.AsArray().SelectMany(item => item!["content"]?.AsArray() ?? []).Select(part => (string?)part!["text"]));
                    Assert.Equal($"answer {turn}", output);
                    Ids.Add((string)json["id"]!);
                    Log.Add($"turn {turn} on {gateway.Name}: {attempts} attempt(s)");
                    return;
                }

                Assert.True((int)response.StatusCode >= 500, $"turn {turn} on {gateway.Name}: {(int)response.StatusCode} {text}");
                outcome = $"{(int)response.StatusCode} {text}";
            }
            catch (HttpRequestException exception)
            {
                outcome = exception.Message;
            }
            catch (OperationCanceledException)
            {
                outcome = "timed out";
            }

            Assert.True(DateTime.UtcNow < deadline, $"turn {turn} on {gateway.Name} still fails after {attempts} attempts: {outcome}\n{gateway}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
