using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Errors;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Upstream;

/// <summary>Talks to the Chat Completions provider: one streamed request per response, and the model list.</summary>
internal sealed class UpstreamClient(HttpClient http, IOptions<RelayOptions> options)
{
    private readonly UpstreamOptions _upstream = options.Value.Upstream;

    /// <summary>Sends the request and waits for the response headers; an error status becomes a <see cref="RelayError"/>.</summary>
    public async Task<(HttpResponseMessage? Response, RelayError? Error)> SendAsync(JsonObject body, string? clientAuthorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint("chat/completions"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        Authorize(request, clientAuthorization);

        using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headersTimeout.CancelAfter(_upstream.HeadersTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headersTimeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, UpstreamFailures.HeadersTimeout());
        }
        catch (HttpRequestException exception)
        {
            return (null, UpstreamFailures.Unreachable(exception));
        }

        if (response.IsSuccessStatusCode)
        {
            return (response, null);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var retryAfter = response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)
                ?? (response.Headers.TryGetValues("retry-after", out var values) ? values.FirstOrDefault() : null);
            return (null, UpstreamErrorMapper.FromResponse(response.StatusCode, text, retryAfter));
        }
    }

    /// <summary>The <c>data:</c> payloads of the stream, failing with <see cref="TimeoutException"/> after the idle timeout.</summary>
    public async IAsyncEnumerable<string> ReadEventsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_upstream.IdleTimeout);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var events = SseParser.Create(stream).EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
        try
        {
            while (true)
            {
                bool moved;
                try
                {
                    moved = await events.MoveNextAsync();
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"No data from the upstream for {_upstream.IdleTimeout.TotalSeconds:0} s.");
                }

                if (!moved)
                {
                    yield break;
                }

                idle.CancelAfter(_upstream.IdleTimeout);
                yield return events.Current.Data;
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    public async Task<(string? Body, RelayError? Error)> GetModelsAsync(string? clientAuthorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint("models"));
        Authorize(request, clientAuthorization);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            using var response = await http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return response.IsSuccessStatusCode ? (body, null) : (null, UpstreamErrorMapper.FromResponse(response.StatusCode, body, null));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, UpstreamFailures.HeadersTimeout());
        }
        catch (HttpRequestException exception)
        {
            return (null, UpstreamFailures.Unreachable(exception));
        }
    }

    private Uri Endpoint(string path) => new(_upstream.BaseUrl.TrimEnd('/') + "/" + path);

    private void Authorize(HttpRequestMessage request, string? clientAuthorization)
    {
        if (!string.IsNullOrEmpty(_upstream.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _upstream.ApiKey);
        }
        else if (!string.IsNullOrEmpty(clientAuthorization))
        {
            request.Headers.TryAddWithoutValidation("Authorization", clientAuthorization);
        }
    }
}
