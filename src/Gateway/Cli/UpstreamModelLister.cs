using System.Net.Http.Headers;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Upstream;

namespace CodexRelay.Gateway.Cli;

/// <summary>GET <c>{upstream}/models</c> for <c>--print-config</c>, with a clear message when it fails.</summary>
internal static class UpstreamModelLister
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task<(List<string> Models, string? Failure, int ExitCode)> ListAsync(UpstreamOptions upstream, CancellationToken cancellationToken)
    {
        var url = upstream.BaseUrl.TrimEnd('/') + "/models";
        var shown = RelayOptionsValidator.Redact(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return ([], $"the upstream '{RelayOptionsValidator.Redact(upstream.BaseUrl)}' is not an http(s) URL.", PrintConfigCommand.BadSettings);
        }

        using var http = new HttpClient { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (!string.IsNullOrEmpty(upstream.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", upstream.ApiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? (ModelList.ModelIds(body), null, 0)
                : ([], $"the upstream answered HTTP {(int)response.StatusCode} to GET {shown}{((int)response.StatusCode is 401 or 403 ? " (check --api-key / CODEX_RELAY_API_KEY)" : "")}.", PrintConfigCommand.UpstreamRejected);
        }
        catch (HttpRequestException exception)
        {
            return ([], $"cannot reach the upstream at {shown}: {exception.Message}. Check --upstream / CODEX_RELAY_UPSTREAM and the network.", PrintConfigCommand.UpstreamUnreachable);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ([], $"the upstream at {shown} did not answer within {Timeout.TotalSeconds:0} s.", PrintConfigCommand.UpstreamUnreachable);
        }
    }
}
