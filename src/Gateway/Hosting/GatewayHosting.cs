using CodexRelay.Gateway.Admin;
using System.Net;
using CodexRelay.Gateway.Catalog;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.History;
using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Upstream;
using CodexRelay.Gateway.WebSockets;
using CodexRelay.Grains.Hosting.Settings;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Hosting;

/// <summary><c>builder.AddCodexRelayGateway(...)</c>: settings, Kestrel, the cluster, the upstream client and the relay's services.</summary>
internal static class GatewayHosting
{
    public static WebApplicationBuilder AddCodexRelayGateway(this WebApplicationBuilder builder, IReadOnlyDictionary<string, string?> flags)
    {
        // CreateBuilder reads appsettings.json from the working directory only; started anywhere else (the
        // codex-relay tool, `dotnet CodexRelay.Gateway.dll`) the relay lost its log levels and wrote eight
        // Information lines per request (bench/: a tenth of its throughput). The shipped file goes in underneath.
        builder.Configuration.Sources.Insert(0, new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true).Sources[0]);
        builder.Configuration.AddRelaySettings(GatewaySettings.All, flags);
        AddConfigFile(builder.Configuration);
        var section = builder.Configuration.GetSection(RelayOptions.SectionName);
        var options = section.Get<RelayOptions>() ?? new RelayOptions();
        builder.Services.AddOptions<RelayOptions>().Bind(section).ValidateOnStart();
        builder.Services.PostConfigure<RelayOptions>(relay => relay.Upstream.Configured = builder.Configuration["CodexRelay:Upstream:BaseUrl"] is not null);
        builder.Services.AddSingleton<IValidateOptions<RelayOptions>, RelayOptionsValidator>();
        builder.Services.AddOptions<WebSocketSettings>().Bind(builder.Configuration.GetSection(WebSocketSettings.SectionName))
            .Validate(WebSocketSettings.IsValid, "CodexRelay:WebSockets: MaxSockets, MaxFramesPerMinute, MaxChainBytes, FrameReadTimeout and IdleTimeout must be greater than zero.")
            .ValidateOnStart();
        builder.Services.Configure<BrowserSafetyOptions>(builder.Configuration.GetSection(BrowserSafetyOptions.SectionName));

        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = options.InlineScheduling);
        if (options.SocketBufferBlockBytes > 0)
        {
            builder.Services.RemoveAll<IMemoryPoolFactory<byte>>();
            builder.Services.AddSingleton<IMemoryPoolFactory<byte>>(new LargeBlockMemoryPool.Factory(options.SocketBufferBlockBytes));
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Listen(ListenAddress(options.Host), options.Port);
        });

        builder.Services.Configure<HostOptions>(host =>
        {
            host.ShutdownTimeout = options.DrainTimeout;

            // Kestrel listens at once while the Orleans client looks for the cluster; /health/ready says when it is reached.
            host.ServicesStartConcurrently = true;
        });
        builder.AddRelayCluster();
        builder.Services.AddSingleton(services => TranslationSettings.From(services.GetRequiredService<IOptions<RelayOptions>>().Value));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ReadinessState>();
        builder.Services.AddSingleton<ResponseHistoryClient>();
        builder.Services.AddSingleton<CreateResponseHandler>();
        builder.Services.AddSingleton<ResponsePipeline>();
        builder.Services.AddSingleton<ResponseFrontEnd>();
        builder.AddRelayIdentity(options.Host);
        builder.Services.AddSingleton<ProviderEvents>();
        builder.Services.AddSingleton<ProviderRouter>();
        builder.Services.AddSingleton<ProviderDispatch>();
        builder.Services.AddSingleton<ProviderModels>();
        builder.Services.AddSingleton(services => services.GetRequiredService<ProviderRouter>().Primary!.Client);
        builder.Services.AddHostedService<StartupWarmUp>();
        builder.Services.AddSingleton<WarmUpPass>();
        builder.Services.AddSingleton<WarmUpUpstream>();
        builder.Services.AddSingleton<ServingWarmUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ServingWarmUp>());
        builder.Services.AddHostedService<StartupReport>();
        builder.Services.AddSingleton<GatewayBoard>();
        builder.Services.AddHostedService<GatewayBoardPublisher>();
        builder.AddCodexCatalog();
        builder.AddRelayTelemetry();
        return builder;
    }

    /// <summary>The relay's settings without a host (for <c>--print-config</c>), with the same precedence.</summary>
    public static IConfiguration LoadSettings(IReadOnlyDictionary<string, string?> flags) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddRelaySettings(GatewaySettings.All, flags)
        .AddConfigFileOf();

    /// <summary>
    /// <c>--config FILE</c>: a JSON file placed right after the last JSON source, so it overrides appsettings.json and
    /// is overridden by variables and flags. A missing file stops the start naming the key.
    /// </summary>
    private static IConfigurationRoot AddConfigFileOf(this IConfigurationBuilder builder)
    {
        var root = builder.Build();
        if (AddConfigFile(builder, root))
        {
            root = builder.Build();
        }

        return root;
    }

    private static bool AddConfigFile(IConfigurationManager configuration) => AddConfigFile(configuration, configuration);

    private static bool AddConfigFile(IConfigurationBuilder builder, IConfiguration current)
    {
        if (current["CodexRelay:ConfigFile"] is not { Length: > 0 } file)
        {
            return false;
        }

        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new OptionsValidationException(RelayOptions.SectionName, typeof(RelayOptions), [$"CodexRelay:ConfigFile (--config / CODEX_RELAY_CONFIG) names a file that does not exist: '{file}'."]);
        }

        var json = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Sources[0];
        var lastJson = builder.Sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource).index;
        builder.Sources.Insert(lastJson + 1, json);
        return true;
    }

    internal static IPAddress ListenAddress(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "0.0.0.0" or "" => IPAddress.Any,
        "::" or "[::]" => IPAddress.IPv6Any,
        _ => IPAddress.TryParse(host, out var address) ? address
            : throw new OptionsValidationException(RelayOptions.SectionName, typeof(RelayOptions), [$"CodexRelay:Host (--host / CODEX_RELAY_HOST) is not an IP address: '{host}'."]),
    };
}
