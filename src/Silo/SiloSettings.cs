using CodexRelay.Grains.Hosting.Settings;

namespace CodexRelay.Silo;

/// <summary>Every setting of a stand-alone silo: the cluster's and history's, and its own HTTP endpoint.</summary>
internal static class SiloSettings
{
    public const string HttpPortKey = "CodexRelay:Silo:HttpPort";

    public static IReadOnlyList<RelaySetting> All { get; } =
    [
        RelaySetting.Named("silo-http-port", HttpPortKey, "n", "8081", "Port of the silo's /health/live and /health/ready (all interfaces); 0 turns it off."),
        .. TelemetrySettingsTable.All,
        .. ClusterSettingsTable.All,
    ];

    public static IReadOnlyList<CommandOption> Commands { get; } =
    [
        new("--help", null, "Print this help and exit.", "-h", "-?"),
    ];

    public static string Help { get; } = SettingsHelp.Format(
        "CodexRelay.Silo: a silo of the CodexRelay cluster (ResponseHistory grains).\n\nUsage:\n  CodexRelay.Silo [settings]\n  CodexRelay.Silo --help",
        All,
        Commands,
        "Endpoints (on --silo-http-port): GET /health/live, GET /health/ready, GET /metrics.");
}
