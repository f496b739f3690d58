namespace CodexRelay.Gateway.Catalog;

/// <summary>Registers the Codex catalog and the startup hint.</summary>
internal static class CatalogSetup
{
    public static WebApplicationBuilder AddCodexCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CatalogOptions>(builder.Configuration.GetSection(CatalogOptions.SectionName));
        builder.Services.AddSingleton<CodexCatalogService>();
        builder.Services.AddHostedService<OnboardingHint>();
        return builder;
    }
}
