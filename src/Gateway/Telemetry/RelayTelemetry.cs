using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CodexRelay.Gateway.Telemetry;

/// <summary>
/// The relay's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>CodexRelay</c>. Static, so a
/// hot path reaches them without DI; OpenTelemetry subscribes to them by name (Hosting/TelemetryHosting).
/// </summary>
internal static class RelayTelemetry
{
    public const string Name = "CodexRelay";

    /// <summary>The provider label until the relay has more than one upstream (issue 13).</summary>
    public const string DefaultProvider = "default";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);
}
