using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CodexRelay.Contracts.History;
using CodexRelay.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using CodexRelay.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodexRelay.Integration.Tests.Cluster;

/// <summary>
/// Orleans connection TLS with a generated self-signed cluster certificate, set as an operator sets it: a silo and a
/// client talk over it on real sockets, both silo ports speak TLS, and a peer with another certificate is refused.
/// </summary>
public sealed class ClusterTlsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("codexrelay-tls-").FullName;

    [Fact]
    public async Task ASiloAndAClient_WithTheClusterCertificate_ServeHistoryOverTls_AndAStrangerIsRefused()
    {
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        var pfx = WritePfx(SelfSigned("codexrelay-cluster"), "pfx-password");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CodexRelay:Cluster:Mode"] = "embedded",
            ["CodexRelay:Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CodexRelay:Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CodexRelay:Cluster:TlsCertificate"] = pfx,
            ["CodexRelay:Cluster:TlsCertificatePassword"] = "pfx-password",
        }).Build();
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.Logging.ClearProviders();
        siloBuilder.UseOrleans(silo => silo.ConfigureRelaySilo(configuration));
        using var silo = siloBuilder.Build();
        await silo.StartAsync();

        var certificate = ClusterTls.Load(ClusterSettings.From(configuration))!;
        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.ClearProviders();
        clientBuilder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(gatewayPort, "codexrelay", ClusterSettings.ServiceId);
            client.UseTls(certificate, options => ClusterTls.Configure(options, certificate));
        });
        using var clientHost = clientBuilder.Build();
        await clientHost.StartAsync();
        try
        {
            var grains = clientHost.Services.GetRequiredService<IClusterClient>();
            var conversation = ResponseIds.NewConversationId();
            var id = ResponseIds.NewResponseId(conversation);
            var grain = grains.GetGrain<IConversationGrain>(conversation);
            await grain.RecordAsync(new StoredTurn { ResponseId = id, Owner = "default", InputItemsJson = "[]", ResponseJson = "{}" });
            Assert.NotNull(await grain.GetTurnAsync("default", id));

            foreach (var port in new[] { siloPort, gatewayPort })
            {
                var endpoint = new IPEndPoint(IPAddress.Loopback, port);
                Assert.True(await HandshakeAsync(endpoint, certificate, certificate), $"port {port} does not speak TLS with the cluster certificate");
                Assert.False(await HandshakeAsync(endpoint, SelfSigned("stranger"), certificate), $"port {port} accepted a peer with another certificate");
            }
        }
        finally
        {
            await clientHost.StopAsync();
            await silo.StopAsync();
        }
    }

    [Fact]
    public void ACertificateWithoutItsFile_StopsTheStart_NamingTheSetting()
    {
        var problem = Assert.Throws<InvalidOperationException>(() => ClusterTls.Load(new ClusterSettings { TlsCertificate = Path.Combine(_directory, "missing.pfx") }));

        Assert.Contains("CodexRelay:Cluster:TlsCertificate", problem.Message, StringComparison.Ordinal);
    }

    private static async Task<bool> HandshakeAsync(IPEndPoint endpoint, X509Certificate2 presented, X509Certificate2 cluster)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint);

        // The silo must present the cluster certificate itself.
        await using var tls = new SslStream(tcp.GetStream(), false, (_, remote, _, _) => remote is not null && remote.GetCertHashString() == cluster.GetCertHashString());
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "codexrelay-cluster",
                ClientCertificates = [presented],
            }).WaitAsync(TimeSpan.FromSeconds(15));

            // TLS 1.3 sends the server's verdict on the client certificate after the handshake: read to see it.
            tls.ReadTimeout = 5000;
            var buffer = new byte[1];
            var read = await tls.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            return read > 0;
        }
        catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException)
        {
            return false;
        }
        catch (TimeoutException)
        {
            // The silo waits for our preamble: the connection stands.
            return true;
        }
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private string WritePfx(X509Certificate2 certificate, string password)
    {
        var path = Path.Combine(_directory, "cluster.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
