using System.Collections.Frozen;
using System.Diagnostics;
using System.Net;
using System.Runtime;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Upstream;
using CodexRelay.Gateway.Wire.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// Once Kestrel listens and before the gateway reports ready, sends rounds of requests to itself — blocking and
/// streamed, small and Codex-shaped, over HTTP and over a WebSocket (<see cref="SocketWarmUp"/>) — through the whole
/// serving path (Kestrel, the middleware, the front-end, the upstream client and its SSE reader, the sinks) against an
/// in-process <see cref="LoopbackChatUpstream"/>. The pure-path warm-up (<see cref="StartupWarmUp"/>) leaves the I/O
/// code at its first tiers: measured, the first 50 requests after start were +1.1 ms slower than warm until real
/// requests had run with pauses between rounds (and the first WebSocket frames' p99 15–19 ms until sockets were warmed too).
/// After each round it waits until the JIT is quiet (background tier-up done); it stops when a round compiles next to
/// nothing, or after <c>CodexRelay:WarmUp:ServingRounds</c> rounds (0 turns it off; by default 8 on a gateway that listens
/// beyond loopback, 0 on a loopback one, see <see cref="DefaultRounds"/>). The requests carry the
/// <see cref="WarmUpPass"/>: no provider, key, metric, access line, trace, usage or stored turn sees them. They are
/// metered as real requests are, up to a charge that adds nothing (<see cref="Metering.UsageMeter"/>).
/// </summary>
internal sealed class ServingWarmUp(
    IHostApplicationLifetime lifetime,
    IServer server,
    WarmUpPass pass,
    WarmUpUpstream upstream,
    IOptions<RelayOptions> options,
    IOptions<WebSockets.WebSocketSettings> sockets,
    IConfiguration configuration,
    ILogger<ServingWarmUp> logger) : IHostedService
{
    public const string RoundsKey = "CodexRelay:WarmUp:ServingRounds";

    /// <summary>Thirty of each of the four bodies: the runtime promotes a method after 30 calls.</summary>
    private const int RequestsPerRound = 120;

    /// <summary>A round that compiles fewer methods than this (JIT and tier-up together) ends the warm-up.</summary>
    private const int SettledCompilations = 100;

    /// <summary>No round starts after this much warm-up: a busy machine ends it early, as a normal end.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    /// <summary>A warm-up still running after this is stuck (a request that never answers): it is cancelled, as a failure.</summary>
    private static readonly TimeSpan HardStop = TimeSpan.FromSeconds(60);

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the warm-up has ended (or was off, failed or was stopped): readiness waits for it.</summary>
    public Task Done => _done.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = RunAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync(CancellationToken stopping)
    {
        var maxRounds = Math.Clamp(configuration.GetValue<int?>(RoundsKey) ?? DefaultRounds(options.Value.Host), 0, 50);
        try
        {
            if (maxRounds > 0)
            {
                using var stuck = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                stuck.CancelAfter(HardStop);
                await WarmAsync(maxRounds, stuck.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // A warm-up is an optimization: the gateway becomes ready without the rest of it rather than not at all.
            Log.ServingWarmUpFailed(logger, exception);
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    /// <summary>
    /// On for a shared endpoint (listening beyond loopback: a pod, a VM), where the first users after a start or a
    /// scale-out should meet warm code; off for a personal relay on loopback, where starting at once matters more.
    /// </summary>
    public static int DefaultRounds(string host) => AuthOptions.IsLoopback(host) ? 0 : 8;

    private async Task WarmAsync(int maxRounds, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var compiledBefore = JitInfo.GetCompiledMethodCount();
        using var meters = new UnheardMeters();
        await using var loopback = await LoopbackChatUpstream.StartAsync(meters, cancellationToken);
        using var providerHttp = ProviderRouter.NewProviderHttp(TimeSpan.FromSeconds(5), meters);
        using var http = ProviderRouter.NewProviderHttp(TimeSpan.FromSeconds(5), meters);
        http.DefaultRequestHeaders.Add(WarmUpPass.Header, pass.Secret);
        var relay = options.Value;
        var client = new UpstreamClient(providerHttp, new UpstreamOptions { BaseUrl = loopback.BaseUrl, MaxRetries = 0 }, new ProviderKey("warm-up", null), FrozenDictionary<string, string>.Empty);
        upstream.Use(new UpstreamProvider("warm-up", client, FrozenDictionary<string, string>.Empty, ReasoningReplay.Auto, 0, new CircuitBreaker(int.MaxValue, TimeSpan.Zero, TimeProvider.System)));
        pass.Open();
        var rounds = 0;
        var frames = 0;
        try
        {
            var self = new IPEndPoint(SelfAddress(relay.Host), BoundPort(relay.Port));
            var address = new Uri($"http://{self}/v1/responses");
            var socketAddress = new Uri($"ws://{self}/v1/responses");
            var (small, codex) = (SmallRequest(), RequestPathWarmUp.CodexShapedRequest());
            var bodies = Bodies(small, codex);
            while (rounds < maxRounds && watch.Elapsed < Budget)
            {
                rounds++;
                var before = JitInfo.GetCompiledMethodCount();
                for (var i = 0; i < RequestsPerRound; i++)
                {
                    await SendAsync(http, address, bodies[i % bodies.Length], cancellationToken);
                }

                if (sockets.Value.Enabled)
                {
                    await SocketWarmUp.RunAsync(http, socketAddress, pass.Secret, [codex, small], cancellationToken);
                    frames += SocketWarmUp.FramesPerRound;
                }

                var quiet = await JitQuietAsync(cancellationToken);
                if (rounds > 1 && quiet && JitInfo.GetCompiledMethodCount() - before < SettledCompilations)
                {
                    break;
                }
            }
        }
        finally
        {
            pass.Close();
            upstream.Use(null);
        }

        Log.ServingWarmedUp(logger, (rounds * RequestsPerRound) + frames, frames, rounds, (long)watch.Elapsed.TotalMilliseconds, JitInfo.GetCompiledMethodCount() - compiledBefore);
    }

    private static async Task SendAsync(HttpClient self, Uri address, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await self.PostAsync(address, content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"A warm-up request was answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
        }
    }

    /// <summary>Waits until no method has been compiled for 250 ms (the runtime's background tier-up), at most 3 s.</summary>
    private static async Task<bool> JitQuietAsync(CancellationToken cancellationToken)
    {
        var quietSince = Stopwatch.GetTimestamp();
        var last = JitInfo.GetCompiledMethodCount();
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3;
        while (Stopwatch.GetElapsedTime(quietSince) < TimeSpan.FromMilliseconds(250) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != last)
            {
                last = now;
                quietSince = Stopwatch.GetTimestamp();
            }
        }

        return Stopwatch.GetElapsedTime(quietSince) >= TimeSpan.FromMilliseconds(250);
    }

    /// <summary>The configured port, or the one Kestrel chose for port 0.</summary>
    private int BoundPort(int configured) =>
        configured != 0 ? configured : new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    /// <summary>Where this gateway can reach itself: loopback when it listens on every address, else its own address.</summary>
    private static IPAddress SelfAddress(string host) => GatewayHosting.ListenAddress(host) switch
    {
        var any when any.Equals(IPAddress.Any) => IPAddress.Loopback,
        var any when any.Equals(IPAddress.IPv6Any) => IPAddress.IPv6Loopback,
        var address => address,
    };

    private static JsonObject SmallRequest() => new()
    {
        ["model"] = "warm-up-model",
        ["input"] = new JsonArray(new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = "hello" }) }),
    };

    /// <summary>Small and Codex-shaped, blocking and streamed; never stored (nothing of the warm-up reaches the cluster).</summary>
    private static byte[][] Bodies(JsonObject small, JsonObject codex) =>
        [.. new[] { small, codex }.SelectMany(request => new[] { false, true }.Select(stream => UnstoredBody(request, stream)))];

    /// <summary>
    /// A copy of <paramref name="request"/> as a warm-up sends it, HTTP body or WebSocket frame: <c>store: false</c>,
    /// <paramref name="stream"/> as given, then whatever <paramref name="shape"/> adds; serialized as UTF-8.
    /// </summary>
    internal static byte[] UnstoredBody(JsonObject request, bool stream, Action<JsonObject>? shape = null)
    {
        var body = request.DeepClone().AsObject();
        body["stream"] = stream;
        body["store"] = false;
        shape?.Invoke(body);
        return System.Text.Encoding.UTF8.GetBytes(body.ToJson());
    }
}
