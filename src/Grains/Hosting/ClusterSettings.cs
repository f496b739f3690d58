using Microsoft.Extensions.Configuration;

namespace CodexRelay.Grains.Hosting;

/// <summary>How a process joins the Orleans cluster (section <c>CodexRelay:Cluster</c>).</summary>
public sealed class ClusterSettings
{
    public const string SectionName = "CodexRelay:Cluster";

    /// <summary><c>embedded</c> (gateway co-hosts a silo), <c>localhost</c> or <c>redis</c>.</summary>
    public string Mode { get; set; } = ClusterModes.Embedded;

    /// <summary>Silo-to-silo port; 0 picks a free port (embedded mode only).</summary>
    public int SiloPort { get; set; }

    /// <summary>Orleans client gateway port; 0 picks a free port (embedded mode only).</summary>
    public int GatewayPort { get; set; }

    /// <summary>The address other silos and clients reach this silo at (the pod IP on Kubernetes); loopback by default.</summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>Membership probe timeout; short converges fast on one machine, a cluster of throttled pods needs more.</summary>
    public int ProbeTimeoutSeconds { get; set; } = 1;

    /// <summary>Missed probes before a silo is suspected.</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>Suspicions needed to declare a silo dead.</summary>
    public int DeathVotes { get; set; } = 1;

    /// <summary>
    /// A certificate (PKCS#12 <c>.pfx</c>/<c>.p12</c>, or PEM with its key) that turns on TLS for every silo-to-silo and
    /// gateway-to-silo connection; every process of the cluster is given the same one. Empty: plain TCP.
    /// </summary>
    public string? TlsCertificate { get; set; }

    /// <summary>The password of a PKCS#12 <see cref="TlsCertificate"/>; a secret.</summary>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>Cluster id: different clusters may share one Redis.</summary>
    public string ClusterId { get; set; } = "codexrelay";

    /// <summary>Fixed: stored keys depend on it, so it is never random.</summary>
    public const string ServiceId = "codexrelay";

    public static ClusterSettings From(IConfiguration configuration)
    {
        var settings = new ClusterSettings();
        configuration.GetSection(SectionName).Bind(settings);
        settings.Mode = settings.Mode.Trim().ToLowerInvariant();
        return settings;
    }
}

public static class ClusterModes
{
    public const string Embedded = "embedded";
    public const string Localhost = "localhost";
    public const string Redis = "redis";
}
