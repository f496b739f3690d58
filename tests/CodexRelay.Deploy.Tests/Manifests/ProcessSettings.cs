using System.Globalization;
using System.Text.Json.Nodes;
using CodexRelay.Deploy.Tests.Support;

namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>
/// What a gateway or silo container ends up with: its image's ENV (the Dockerfile's final stage) overlaid with
/// the manifest's environment, and the flags in its args. The defaults are the code's (README, --help).
/// </summary>
internal sealed class ProcessSettings
{
    public const int DefaultGatewayPort = 4444;
    public const int DefaultSiloPort = 11111;
    public const int DefaultOrleansGatewayPort = 30000;
    public const int DefaultSiloHttpPort = 8081;
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultHostShutdownTimeout = TimeSpan.FromSeconds(30);

    private ProcessSettings(string component, ImageFile image, Dictionary<string, string> environment, IReadOnlyList<string> arguments)
    {
        Component = component;
        Image = image;
        Environment = environment;
        Arguments = arguments;
    }

    public string Component { get; }

    public ImageFile Image { get; }

    public Dictionary<string, string> Environment { get; }

    public IReadOnlyList<string> Arguments { get; }

    public static ImageFile ImageFor(string component) => ImageFile.Load(DeployPaths.Deploy($"Dockerfile.{component}"));

    public static ProcessSettings For(RenderedOverlay overlay, string component, PodFacts pod, ContainerEnvironment? resolver = null)
    {
        var container = Container(overlay, component);
        var image = ImageFor(component);
        var environment = new Dictionary<string, string>(image.Final.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in (resolver ?? new ContainerEnvironment(overlay)).Resolve(container, pod))
        {
            environment[name] = value;
        }

        var arguments = container["args"]?.AsArray().Select(a => (string)a!).ToList() ?? [];
        return new ProcessSettings(component, image, environment, arguments);
    }

    public static JsonObject Container(RenderedOverlay overlay, string component) =>
        RenderedOverlay.PodSpec(overlay.Component(component))["containers"]!.AsArray()
            .Select(c => c!.AsObject())
            .Single(c => (string?)c["name"] == component);

    /// <summary>A setting as the process sees it: a flag in args, else the variable, else null.</summary>
    public string? Setting(string variable, string? flag = null)
    {
        if (flag is not null)
        {
            for (var i = 0; i < Arguments.Count; i++)
            {
                if (Arguments[i] == flag && i + 1 < Arguments.Count)
                {
                    return Arguments[i + 1];
                }

                if (Arguments[i].StartsWith(flag + "=", StringComparison.Ordinal))
                {
                    return Arguments[i][(flag.Length + 1)..];
                }
            }
        }

        return Environment.TryGetValue(variable, out var value) && value.Length > 0 ? value : null;
    }

    public int Port(string variable, int fallback, string? flag = null) =>
        Setting(variable, flag) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public TimeSpan Duration(string variable, TimeSpan fallback) =>
        Setting(variable) is { } value ? TimeSpan.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public int GatewayPort => Port("CODEX_RELAY_PORT", DefaultGatewayPort, "--port");

    public string GatewayHost => Setting("CODEX_RELAY_HOST", "--host") ?? "127.0.0.1";

    public int SiloPort => Port("CODEX_RELAY_SILO_PORT", DefaultSiloPort);

    public int OrleansGatewayPort => Port("CODEX_RELAY_ORLEANS_GATEWAY_PORT", DefaultOrleansGatewayPort);

    public int SiloHttpPort => Port("CODEX_RELAY_SILO_HTTP_PORT", DefaultSiloHttpPort);

    /// <summary>The gateway's drain (CodexRelay:DrainTimeout, from <c>CodexRelay__DrainTimeout</c> here).</summary>
    public TimeSpan DrainTimeout => Duration("CodexRelay__DrainTimeout", DefaultDrainTimeout);

    /// <summary>The .NET host's shutdown timeout, which bounds the silo's graceful stop.</summary>
    public TimeSpan HostShutdownTimeout =>
        Setting("HostOptions__ShutdownTimeout") is { } span ? TimeSpan.Parse(span, CultureInfo.InvariantCulture)
        : Setting("DOTNET_shutdownTimeoutSeconds") is { } seconds ? TimeSpan.FromSeconds(int.Parse(seconds, CultureInfo.InvariantCulture))
        : DefaultHostShutdownTimeout;
}
