using System.Net;
using System.Net.Sockets;
using CodexRelay.Grains.History;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace CodexRelay.Grains.Hosting;

/// <summary>Configures a silo (stand-alone or co-hosted by a gateway) from CodexRelay settings.</summary>
public static class SiloSetup
{
    public static ISiloBuilder ConfigureRelaySilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = ClusterSettings.From(configuration);

        // A grain call carries its caller's trace: one trace from the gateway through the silo (no listener, no cost).
        silo.AddActivityPropagation();
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = ClusterSettings.ServiceId;
        });

        // Converge within seconds when a silo dies, so gateways ride out the change quickly.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(Math.Max(1, cluster.ProbeTimeoutSeconds));
            o.NumMissedProbesLimit = Math.Max(1, cluster.MissedProbesLimit);
            o.NumVotesForDeathDeclaration = Math.Max(1, cluster.DeathVotes);
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });

        switch (cluster.Mode)
        {
            case ClusterModes.Embedded:
                silo.UseLocalhostClustering(
                    cluster.SiloPort == 0 ? FreeLoopbackPort() : cluster.SiloPort,
                    cluster.GatewayPort == 0 ? FreeLoopbackPort() : cluster.GatewayPort,
                    clusterId: cluster.ClusterId,
                    serviceId: ClusterSettings.ServiceId);
                break;
            case ClusterModes.Localhost:
                var siloPort = cluster.SiloPort == 0 ? EndpointOptions.DEFAULT_SILO_PORT : cluster.SiloPort;
                silo.UseLocalhostClustering(
                    siloPort,
                    cluster.GatewayPort == 0 ? EndpointOptions.DEFAULT_GATEWAY_PORT : cluster.GatewayPort,
                    primarySiloEndpoint: new IPEndPoint(IPAddress.Loopback, EndpointOptions.DEFAULT_SILO_PORT),
                    serviceId: ClusterSettings.ServiceId,
                    clusterId: cluster.ClusterId);
                break;
            case ClusterModes.Redis:
                var redis = RequireRedis(configuration);
                silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
                var advertised = string.IsNullOrEmpty(cluster.AdvertisedIp) ? IPAddress.Loopback : IPAddress.Parse(cluster.AdvertisedIp);
                silo.ConfigureEndpoints(
                    advertised,
                    cluster.SiloPort == 0 ? EndpointOptions.DEFAULT_SILO_PORT : cluster.SiloPort,
                    cluster.GatewayPort == 0 ? EndpointOptions.DEFAULT_GATEWAY_PORT : cluster.GatewayPort,
                    listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
                break;
            default:
                throw new InvalidOperationException($"Unknown clustering mode '{cluster.Mode}'. Use embedded, localhost or redis.");
        }

        if (ClusterTls.Load(cluster) is { } certificate)
        {
            silo.UseTls(certificate, options => ClusterTls.Configure(options, certificate));
        }

        silo.AddHistoryStorage(configuration);
        return silo;
    }

    internal static string RequireRedis(IConfiguration configuration) =>
        configuration["CodexRelay:Redis"] is { Length: > 0 } redis
            ? redis
            : throw new InvalidOperationException("CODEX_RELAY_REDIS (CodexRelay:Redis) is required for this mode.");

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
