namespace CodexRelay.Gateway.Admin;

/// <summary>Every admin action: who (an admin key's fingerprint), what, on what. Never a secret. Category <c>CodexRelay.Audit</c>.</summary>
internal static partial class AuditLog
{
    public const string Category = "CodexRelay.Audit";

    [LoggerMessage(1301, LogLevel.Information, "Audit: {Admin} {Action} {Target}")]
    public static partial void Action(ILogger logger, string admin, string action, string target);
}
