using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace CodexRelay.Grains.Hosting;

/// <summary>
/// Orleans connection TLS (Microsoft.Orleans.Connections.Security) for clusters whose network is not private. Every
/// silo and gateway presents the configured certificate and requires one from its peer: a peer is accepted when it
/// presents that same certificate (a self-signed cluster certificate works) or one that the platform trusts for the
/// certificate's name. Anything else on the silo port fails the handshake.
/// </summary>
public static class ClusterTls
{
    /// <summary>The cluster certificate, or null when TLS is off.</summary>
    public static X509Certificate2? Load(ClusterSettings cluster)
    {
        if (string.IsNullOrWhiteSpace(cluster.TlsCertificate))
        {
            return null;
        }

        var path = cluster.TlsCertificate;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"CodexRelay:Cluster:TlsCertificate (CODEX_RELAY_CLUSTER_TLS_CERTIFICATE): no file at '{path}'.");
        }

        try
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            var certificate = extension is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, cluster.TlsCertificatePassword)
                : X509Certificate2.CreateFromPemFile(path);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"CodexRelay:Cluster:TlsCertificate: '{path}' has no private key; the cluster certificate needs one.");
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException($"CodexRelay:Cluster:TlsCertificate: '{path}' could not be read ({exception.Message}).", exception);
        }
    }

    public static void Configure(TlsOptions options, X509Certificate2 certificate)
    {
        options.LocalCertificate = certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, errors) => IsClusterPeer(certificate, remote, errors);
        var name = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
        options.OnAuthenticateAsClient = (_, client) => client.TargetHost = name;
    }

    /// <summary>The same certificate as ours, or one the platform validates without errors.</summary>
    public static bool IsClusterPeer(X509Certificate2 ours, X509Certificate2? remote, SslPolicyErrors errors) =>
        remote is not null && (errors == SslPolicyErrors.None || CryptographicOperations.FixedTimeEquals(remote.RawData, ours.RawData));
}
