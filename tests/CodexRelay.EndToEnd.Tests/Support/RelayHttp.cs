using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CodexRelay.EndToEnd.Tests.Support;

/// <summary>Raw HTTP against the relay: status, headers, and the SSE events of a streamed response.</summary>
internal static class RelayHttp
{
    public static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static Task<HttpResponseMessage> PostAsync(Uri api, string json, string? bearer = "sk-client", HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api, "responses")) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return Client.SendAsync(request, completion, cancellationToken);
    }

    /// <summary>An admin API call (<c>admin/{path}</c>) with the admin key as bearer; <paramref name="json"/> is the body, if any.</summary>
    public static Task<HttpResponseMessage> AdminAsync(Uri relay, string adminKey, HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(relay, "admin/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return Client.SendAsync(request);
    }

    public static string Body(string input, bool stream = true, bool store = false) =>
        new JsonObject { ["model"] = "scripted-model", ["input"] = input, ["stream"] = stream, ["store"] = store }.ToJsonString();

    /// <summary>The JSON payloads of every <c>data:</c> line.</summary>
    public static async Task<List<JsonObject>> EventsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l[6..])!.AsObject())];
    }

    public static string Type(JsonObject payload) => payload["type"]!.GetValue<string>();
}
