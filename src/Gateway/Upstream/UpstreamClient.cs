using System.Buffers;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Wire.Json;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Upstream;

/// <summary>Talks to one Chat Completions provider: one streamed request per response, and the model list.</summary>
internal sealed class UpstreamClient
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    private readonly HttpClient _http;
    private readonly UpstreamOptions _upstream;
    private readonly ProviderKey _key;
    private readonly IReadOnlyDictionary<string, string> _headers;
    private readonly long _rearmIdleAfterMs;

    /// <summary>The seed's one upstream (<c>CodexRelay:Upstream</c>).</summary>
    public UpstreamClient(HttpClient http, IOptions<RelayOptions> options)
        : this(http, options.Value.Upstream, new ProviderKey(options.Value.Upstream.ApiKey, options.Value.Upstream.ApiKeyFile), NoHeaders)
    {
    }

    public UpstreamClient(HttpClient http, UpstreamOptions upstream, ProviderKey key, IReadOnlyDictionary<string, string> headers)
    {
        _http = http;
        _upstream = upstream;
        _key = key;
        _headers = headers;
        _rearmIdleAfterMs = (long)Math.Min(1000, upstream.IdleTimeout.TotalMilliseconds / 8);
    }

    /// <summary>The base URL with any credentials in it replaced, for logs.</summary>
    public string ShownBaseUrl => RelayOptionsValidator.Redact(_upstream.BaseUrl);

    public int MaxRetries => _upstream.MaxRetries;

    /// <summary>Whether the provider has its own key (else the client's bearer is forwarded).</summary>
    public bool HasOwnKey => _key.IsSet;

    /// <summary>
    /// Sends the request and waits for the response headers; an error status becomes a <see cref="Failure"/>.
    /// Connection errors and 502/503/504 are retried with backoff before the first byte, never after.
    /// </summary>
    public async Task<(HttpResponseMessage? Response, Failure? Error)> SendAsync(JsonObject body, string? clientAuthorization, CancellationToken cancellationToken) =>
        await SendAsync(body, clientAuthorization, _upstream.MaxRetries, cancellationToken);

    /// <summary>As above with at most <paramref name="maxRetries"/> retries (0 when another provider comes next: it is the retry).</summary>
    public async Task<(HttpResponseMessage? Response, Failure? Error)> SendAsync(JsonObject body, string? clientAuthorization, int maxRetries, CancellationToken cancellationToken)
    {
        // Written into a pooled buffer, then copied to an array of exactly its size that the request owns: HttpClient may
        // still be sending the body after an early response returns, so the bytes it sends must never be a pooled
        // buffer another request could reuse. (A fresh 64 KiB buffer per request was most of a small request's
        // allocation: 64 KiB zeroed for a 300-byte body.)
        byte[] payload;
        using (var written = new PooledBufferWriter())
        {
            body.WriteUtf8(written);
            payload = written.WrittenMemory.ToArray();
        }

        for (var attempt = 0; ; attempt++)
        {
            var (response, error, retryDelay) = await SendOnceAsync(payload, clientAuthorization, attempt, cancellationToken);
            if (retryDelay is not { } delay || attempt >= maxRetries)
            {
                return (response, error);
            }

            await Task.Delay(delay, cancellationToken);
        }
    }

    private async Task<(HttpResponseMessage? Response, Failure? Error, TimeSpan? RetryDelay)> SendOnceAsync(
        ReadOnlyMemory<byte> payload, string? clientAuthorization, int attempt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint("chat/completions")) { Content = new ReadOnlyMemoryContent(payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        Authorize(request, clientAuthorization);
        var backoff = TimeSpan.FromMilliseconds(200 * (1 << attempt));

        using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headersTimeout.CancelAfter(_upstream.HeadersTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headersTimeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, UpstreamFailures.HeadersTimeout(), null);
        }
        catch (HttpRequestException exception)
        {
            return (null, UpstreamFailures.Unreachable(exception), backoff);
        }

        if (response.IsSuccessStatusCode)
        {
            return (response, null, null);
        }

        using (response)
        {
            string text;
            using (var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                bodyTimeout.CancelAfter(_upstream.BodyTimeout);
                try
                {
                    text = await BoundedBody.ReadAsync(response.Content, _upstream.MaxBodyBytes, bodyTimeout.Token);
                }
                catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    // The status is the answer; a body that never ends or breaks only loses its message.
                    text = "";
                }
            }

            var retryAfter = response.Headers.RetryAfter?.Delta
                ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

            // A date already past (clock skew, a cached answer) means "now", not a negative wait.
            if (retryAfter < TimeSpan.Zero)
            {
                retryAfter = TimeSpan.Zero;
            }

            var retryAfterHeader = retryAfter is { } wait ? Math.Max(0, Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            var error = UpstreamErrorMapper.FromResponse(response.StatusCode, text, retryAfterHeader);
            var retryable = (int)response.StatusCode is 502 or 503 or 504 && (retryAfter is null || retryAfter <= _upstream.MaxRetryDelay);
            return (null, error, retryable ? retryAfter ?? backoff : null);
        }
    }

    /// <summary>
    /// The <c>data:</c> payloads of the stream as the upstream's UTF-8 bytes, failing with <see cref="TimeoutException"/>
    /// after the idle timeout (any bytes, keep-alive comments included, reset it) and with
    /// <see cref="StreamLimitException"/> past the stream's caps on bytes, line length and total time.
    /// </summary>
    public async IAsyncEnumerable<byte[]> ReadEventsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var total = new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Min(_upstream.MaxStreamDuration.TotalMilliseconds, int.MaxValue - 1)));
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token);
        idle.CancelAfter(_upstream.IdleTimeout);
        var idleSince = Environment.TickCount64;

        // Re-arming takes the timer queue's lock, so not on every read: only once the last re-arm is an eighth
        // of the timeout old (a second at most), which keeps the effective idle timeout between 7/8 of it and all of it.
        void Rearm()
        {
            if (Environment.TickCount64 - idleSince >= _rearmIdleAfterMs)
            {
                idle.CancelAfter(_upstream.IdleTimeout);
                idleSince = Environment.TickCount64;
            }
        }

        await using var stream = new UpstreamBodyStream(await response.Content.ReadAsStreamAsync(cancellationToken), _upstream.MaxStreamBytes, _upstream.MaxEventBytes, Rearm);
        var events = SseParser.Create(stream, static (_, data) => data.ToArray()).EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
        try
        {
            while (true)
            {
                bool moved;
                try
                {
                    moved = await events.MoveNextAsync();
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && total.IsCancellationRequested)
                {
                    throw new StreamLimitException($"The upstream stream ran longer than {_upstream.MaxStreamDuration} (CodexRelay:Upstream:MaxStreamDuration).");
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"No data from the upstream for {_upstream.IdleTimeout.TotalSeconds:0} s.");
                }

                if (!moved)
                {
                    yield break;
                }

                yield return events.Current.Data;
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    public async Task<(string? Body, Failure? Error)> GetModelsAsync(string? clientAuthorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint("models"));
        Authorize(request, clientAuthorization);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_upstream.BodyTimeout);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await BoundedBody.ReadAsync(response.Content, _upstream.MaxBodyBytes, timeout.Token);
            return response.IsSuccessStatusCode ? (body, null) : (null, UpstreamErrorMapper.FromResponse(response.StatusCode, body, null));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, UpstreamFailures.HeadersTimeout());
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return (null, UpstreamFailures.Unreachable(exception));
        }
    }

    private Uri Endpoint(string path) => new(_upstream.BaseUrl.TrimEnd('/') + "/" + path);

    private void Authorize(HttpRequestMessage request, string? clientAuthorization)
    {
        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (_key.Current() is { Length: > 0 } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        else if (!string.IsNullOrEmpty(clientAuthorization))
        {
            request.Headers.TryAddWithoutValidation("Authorization", clientAuthorization);
        }
    }
}
