using Azure.Storage.Blobs;
using CodexRelay.Grains.Storage.Blob;
using CodexRelay.Testing.Storage;
using CodexRelay.Testing.Time;
using Orleans.Storage;

namespace CodexRelay.Integration.Tests.Storage;

public sealed class BlobStorageTests(AzuriteFixture azurite) : GrainStorageConformance, IClassFixture<AzuriteFixture>
{
    private readonly string _containerName = "history-" + Guid.NewGuid().ToString("N")[..12];

    private BlobContainerClient Container => new(azurite.ConnectionString, _containerName);

    protected override IGrainStorage CreateStorage(TimeSpan ttl) => new BlobGrainStorage("codexrelay-test", Container);

    [Fact]
    public async Task Retention_CountsFromLastUse_NotFromTheWrite()
    {
        var ttl = TimeSpan.FromHours(2);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var storage = new BlobGrainStorage("codexrelay-test", Container, ttl / 4, clock);
        var grain = GrainId.Create("conversation", Guid.NewGuid().ToString("N"));
        await storage.WriteStateAsync("turn-first", grain, new GrainState<Grains.History.TurnRecord>(new() { Turn = new() { ResponseId = "resp_x", Owner = "default", InputItemsJson = "[]", ResponseJson = "{}" } }));

        // A conversation in use for longer than the TTL keeps reading its first turn.
        clock.Now += ttl * 0.75;
        var read = new GrainState<Grains.History.TurnRecord>(new());
        await storage.ReadStateAsync("turn-first", grain, read);
        var removed = await BlobSweeper.SweepAsync(Container, "codexrelay-test", ttl, clock.Now + ttl * 0.75, CancellationToken.None);

        Assert.Equal(0, removed);
        Assert.Equal(1, await BlobSweeper.SweepAsync(Container, "codexrelay-test", ttl, clock.Now + ttl * 1.1, CancellationToken.None));
    }

    /// <summary>The offboarding index is swept on its own retention; keys and usage next to it are kept for good.</summary>
    [Fact]
    public async Task ASweepScopedToAGrainType_RemovesOnlyThatTypesRecords()
    {
        var storage = new BlobGrainStorage("codexrelay-tenancy", Container);
        await storage.WriteStateAsync("owners", GrainId.Create("ownerindex", "team/2026-01-01"), new GrainState<Grains.Tenancy.OwnerIndexState>(new()));
        await storage.WriteStateAsync("key", GrainId.Create("apikey", "k1"), new GrainState<Grains.Tenancy.OwnerIndexState>(new()));

        Assert.Equal(1, await BlobSweeper.SweepAsync(Container, "codexrelay-tenancy/ownerindex", TimeSpan.FromHours(1), DateTimeOffset.UtcNow.AddHours(2), CancellationToken.None));
        var left = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync())
        {
            left.Add(blob.Name);
        }

        Assert.Equal(["codexrelay-tenancy/apikey/k1/key.json"], left);
    }

    [Fact]
    public async Task AFailedContainerCreation_IsRetriedByTheNextCall_NotCached()
    {
        // Storage that is not up yet when the silo starts: the first call finds nothing on the port.
        var azuritePort = new Uri(azurite.ConnectionString.Split("BlobEndpoint=")[1].Split(';')[0]).Port;
        var port = Testing.Processes.FreePorts.Next();
        var connection = azurite.ConnectionString.Replace($":{azuritePort}/", $":{port}/", StringComparison.Ordinal);
        var options = new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
        var storage = new BlobGrainStorage("codexrelay-test", new BlobContainerClient(connection, _containerName, options));
        var grain = GrainId.Create("conversation", Guid.NewGuid().ToString("N"));
        await Assert.ThrowsAnyAsync<Exception>(() => storage.ReadStateAsync("turn-a", grain, new GrainState<Grains.History.TurnRecord>(new())));

        // Then it comes up (a forwarder to Azurite on that port) and the same storage works.
        using var forwarder = new Forwarder(port, azuritePort);
        await storage.WriteStateAsync("turn-a", grain, new GrainState<Grains.History.TurnRecord>(new() { Turn = new() { ResponseId = "resp_a", Owner = "default", InputItemsJson = "[]", ResponseJson = "{}" } }));
        var read = new GrainState<Grains.History.TurnRecord>(new());
        await storage.ReadStateAsync("turn-a", grain, read);

        Assert.True(read.RecordExists);
    }

    /// <summary>A loopback TCP forwarder: what arrives on one port goes to another, both ways.</summary>
    private sealed class Forwarder : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();

        public Forwarder(int port, int target)
        {
            _listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            _listener.Start();
            _ = AcceptAsync(target);
        }

        private async Task AcceptAsync(int target)
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var upstream = new System.Net.Sockets.TcpClient();
                    await upstream.ConnectAsync(System.Net.IPAddress.Loopback, target, _stop.Token);
                    _ = PipeAsync(client, upstream);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private async Task PipeAsync(System.Net.Sockets.TcpClient client, System.Net.Sockets.TcpClient upstream)
        {
            using (client)
            using (upstream)
            {
                try
                {
                    await Task.WhenAny(client.GetStream().CopyToAsync(upstream.GetStream(), _stop.Token), upstream.GetStream().CopyToAsync(client.GetStream(), _stop.Token));
                }
                catch (Exception exception) when (exception is OperationCanceledException or IOException)
                {
                    // One side closed.
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }

    protected override async Task ExpireAsync(TimeSpan ttl)
    {
        var removed = await BlobSweeper.SweepAsync(Container, "codexrelay-test", ttl, DateTimeOffset.UtcNow + ttl + TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.True(removed > 0);
    }
}
