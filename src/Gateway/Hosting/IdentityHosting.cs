using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Metering;
using CodexRelay.Gateway.WebSockets;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Hosting;

/// <summary>Who may use the relay (auth mode <c>none</c> or <c>keys</c>), and the limits and usage of what they spend.</summary>
internal static class IdentityHosting
{
    public static WebApplicationBuilder AddRelayIdentity(this WebApplicationBuilder builder, string host)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var mode = auth.EffectiveMode(host);
        if (mode is not (AuthOptions.NoneMode or AuthOptions.KeysMode))
        {
            throw new OptionsValidationException(AuthOptions.SectionName, typeof(AuthOptions), [$"CodexRelay:Auth:Mode (--auth / CODEX_RELAY_AUTH) must be none or keys; got '{auth.Mode}'."]);
        }

        builder.Services.AddSingleton(auth);
        builder.Services.AddSingleton(new RelayAuthMode(mode));
        builder.Services.AddSingleton<KeyStore>();
        builder.Services.AddSingleton<UsageMeter>();
        builder.Services.AddHostedService<UsageDrain>();
        builder.Services.AddSingleton(services => new KeyValidationCache(TimeSpan.FromSeconds(Math.Max(0, auth.CacheSeconds)), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services => new FailedAuthLimiter(Math.Max(1, auth.FailuresPerMinute), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(new ConfiguredKeys(auth));
        builder.Services.AddSingleton<SocketCounter>();
        if (mode == AuthOptions.KeysMode)
        {
            builder.Services.AddSingleton<KeyPrincipalResolver>();
            builder.Services.AddSingleton<IPrincipalResolver>(services => new WarmUpPrincipalResolver(services.GetRequiredService<KeyPrincipalResolver>()));
        }
        else
        {
            builder.Services.AddSingleton<IPrincipalResolver>(new WarmUpPrincipalResolver(new AnonymousPrincipalResolver()));
            if (!AuthOptions.IsLoopback(host))
            {
                builder.Services.AddHostedService(services => new StartupWarning(() => Log.OpenRelay(services.GetRequiredService<ILogger<RelayAuthMode>>(), host)));
            }
        }

        return builder;
    }
}
