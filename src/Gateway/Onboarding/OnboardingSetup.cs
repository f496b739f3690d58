namespace CodexRelay.Gateway.Onboarding;

/// <summary>Registers the Codex catalog and the startup hint.</summary>
internal static class OnboardingSetup
{
    public static WebApplicationBuilder AddCodexOnboarding(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CatalogOptions>(builder.Configuration.GetSection(CatalogOptions.SectionName));
        builder.Services.AddSingleton<CodexCatalogService>();
        builder.Services.AddHostedService<OnboardingHint>();
        return builder;
    }
}
