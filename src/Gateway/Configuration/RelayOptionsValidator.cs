using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Configuration;

/// <summary>Checked when the relay starts (<c>ValidateOnStart</c>): a bad setting stops it with a message naming the key.</summary>
internal sealed class RelayOptionsValidator : IValidateOptions<RelayOptions>
{
    public ValidateOptionsResult Validate(string? name, RelayOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Upstream.BaseUrl, UriKind.Absolute, out var upstream) || upstream.Scheme is not ("http" or "https"))
        {
            failures.Add($"CodexRelay:Upstream:BaseUrl (--upstream / CODEX_RELAY_UPSTREAM) must be an absolute http or https URL; got '{Redact(options.Upstream.BaseUrl)}'.");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"CodexRelay:Port (--port / CODEX_RELAY_PORT) must be between 0 and 65535; got {options.Port}.");
        }

        foreach (var quirk in ModelPattern.Split(options.Quirks.Disabled).Where(q => !QuirkNames.All.Contains(q, StringComparer.OrdinalIgnoreCase)))
        {
            failures.Add($"CodexRelay:Quirks:Disabled (CODEX_RELAY_DISABLE_QUIRKS) names an unknown quirk '{quirk}'; known: {string.Join(", ", QuirkNames.All)}.");
        }

        try
        {
            TranslationSettings.ParseModelMap(options.ModelMap);
        }
        catch (InvalidOperationException exception)
        {
            failures.Add($"CodexRelay:ModelMap (--model-map / CODEX_RELAY_MODEL_MAP): {exception.Message}");
        }

        Positive(failures, "CodexRelay:MaxRequestBodyBytes", options.MaxRequestBodyBytes);
        Positive(failures, "CodexRelay:Upstream:ConnectTimeout", options.Upstream.ConnectTimeout.Ticks);
        Positive(failures, "CodexRelay:Upstream:HeadersTimeout", options.Upstream.HeadersTimeout.Ticks);
        Positive(failures, "CodexRelay:Upstream:IdleTimeout", options.Upstream.IdleTimeout.Ticks);
        Positive(failures, "CodexRelay:Upstream:MaxStreamDuration", options.Upstream.MaxStreamDuration.Ticks);
        Positive(failures, "CodexRelay:Upstream:MaxStreamBytes", options.Upstream.MaxStreamBytes);
        Positive(failures, "CodexRelay:Upstream:MaxEventBytes", options.Upstream.MaxEventBytes);
        Positive(failures, "CodexRelay:Upstream:MaxBodyBytes", options.Upstream.MaxBodyBytes);
        Positive(failures, "CodexRelay:Upstream:BodyTimeout", options.Upstream.BodyTimeout.Ticks);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A URL is shown without the credentials it may carry.</summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal) : url;

    private static void Positive(List<string> failures, string key, long value)
    {
        if (value <= 0)
        {
            failures.Add($"{key} must be greater than zero.");
        }
    }
}
