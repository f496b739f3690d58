using CodexRelay.Grains.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// The gateway's way into the cluster: in <c>embedded</c> mode it co-hosts a silo (the zero-setup mode),
/// otherwise it is a plain Orleans client. The only place the gateway references the Grains assembly.
/// </summary>
internal static class OrleansSetup
{
    public static void AddRelayCluster(this WebApplicationBuilder builder)
    {
        var cluster = ClusterSettings.From(builder.Configuration);
        if (cluster.Mode == ClusterModes.Embedded)
        {
            builder.UseOrleans(silo => silo.ConfigureRelaySilo(builder.Configuration));
            return;
        }

        builder.UseOrleansClient(client =>
        {
            client.AddActivityPropagation();
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = ClusterSettings.ServiceId;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            if (ClusterTls.Load(cluster) is { } certificate)
            {
                client.UseTls(certificate, options => ClusterTls.Configure(options, certificate));
            }

            if (cluster.Mode == ClusterModes.Redis)
            {
                var redis = builder.Configuration["CodexRelay:Redis"]
                    ?? throw new InvalidOperationException("CODEX_RELAY_REDIS is required for redis clustering.");
                client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            }
            else
            {
                client.UseLocalhostClustering(cluster.GatewayPort == 0 ? EndpointOptions.DEFAULT_GATEWAY_PORT : cluster.GatewayPort, cluster.ClusterId, ClusterSettings.ServiceId);
            }
        });
    }
}
