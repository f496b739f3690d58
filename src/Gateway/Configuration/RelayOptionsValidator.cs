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

        ValidateProviders(failures, options);
        Positive(failures, "CodexRelay:CircuitBreaker:FailureThreshold", options.CircuitBreaker.FailureThreshold);
        Positive(failures, "CodexRelay:CircuitBreaker:BreakDuration", options.CircuitBreaker.BreakDuration.Ticks);
        Positive(failures, "CodexRelay:ModelsRefreshInterval", options.ModelsRefreshInterval.Ticks);
        Positive(failures, "CodexRelay:MaxRequestBodyBytes", options.MaxRequestBodyBytes);
        if (options.SocketBufferBlockBytes is not 0 and (< 4096 or > 1024 * 1024))
        {
            failures.Add($"CodexRelay:SocketBufferBlockBytes must be 0 (Kestrel's own pool) or 4096 to 1048576, not {options.SocketBufferBlockBytes}.");
        }

        Positive(failures, "CodexRelay:Limits:MaxInputItems", options.Limits.MaxInputItems);
        Positive(failures, "CodexRelay:Limits:MaxTools", options.Limits.MaxTools);
        Positive(failures, "CodexRelay:Limits:MaxContentParts", options.Limits.MaxContentParts);
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

    private static void ValidateProviders(List<string> failures, RelayOptions options)
    {
        if (!string.IsNullOrEmpty(options.Upstream.ApiKeyFile) && !File.Exists(options.Upstream.ApiKeyFile))
        {
            failures.Add($"CodexRelay:Upstream:ApiKeyFile names a file that does not exist: '{options.Upstream.ApiKeyFile}'.");
        }

        foreach (var (name, provider) in options.Providers)
        {
            var key = $"CodexRelay:Providers:{name}";
            if (!Uri.TryCreate(provider.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                failures.Add($"{key}:BaseUrl must be an absolute http or https URL; got '{Redact(provider.BaseUrl ?? "")}'.");
            }

            if (!string.IsNullOrEmpty(provider.ApiKeyFile) && !File.Exists(provider.ApiKeyFile))
            {
                failures.Add($"{key}:ApiKeyFile names a file that does not exist: '{provider.ApiKeyFile}'.");
            }

            try
            {
                TranslationSettings.ParseModelMap(provider.ModelMap);
            }
            catch (InvalidOperationException exception)
            {
                failures.Add($"{key}:ModelMap: {exception.Message}");
            }

            if (provider.MaxConcurrentRequests < 0)
            {
                failures.Add($"{key}:MaxConcurrentRequests must be 0 (unlimited) or more; got {provider.MaxConcurrentRequests}.");
            }

            Positive(failures, $"{key}:ConnectTimeout", provider.ConnectTimeout?.Ticks ?? 1);
            Positive(failures, $"{key}:HeadersTimeout", provider.HeadersTimeout?.Ticks ?? 1);
            Positive(failures, $"{key}:IdleTimeout", provider.IdleTimeout?.Ticks ?? 1);
        }

        var hasDefault = options.Upstream.Configured || options.Providers.Count == 0;
        for (var i = 0; i < options.Routes.Count; i++)
        {
            var route = options.Routes[i];
            var key = $"CodexRelay:Routes:{i}";
            if (ModelPattern.Split(route.Models).Count == 0)
            {
                failures.Add($"{key}:Models must name at least one model pattern (e.g. deepseek-*).");
            }

            if (route.Providers.Count == 0)
            {
                failures.Add($"{key}:Providers must name at least one provider.");
            }

            for (var j = 0; j < route.Providers.Count; j++)
            {
                var provider = route.Providers[j];
                var known = options.Providers.ContainsKey(provider) || (hasDefault && string.Equals(provider, "default", StringComparison.OrdinalIgnoreCase));
                if (!known)
                {
                    var names = options.Providers.Keys.Concat(hasDefault ? ["default"] : []);
                    failures.Add($"{key}:Providers:{j} names the unknown provider '{provider}'; configured: {string.Join(", ", names)}.");
                }
            }
        }
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
