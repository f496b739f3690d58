using CodexRelay.Gateway.Configuration;

namespace CodexRelay.Tests.Configuration;

/// <summary>Providers and routes are checked at start; each message names the key to fix.</summary>
public sealed class ProviderValidationTests
{
    [Fact]
    public void BadProviderUrl_MissingKeyFile_AndUnknownRouteProvider_AreEachNamed()
    {
        var options = new RelayOptions
        {
            Providers = { ["deepseek"] = new ProviderOptions { BaseUrl = "api.deepseek.com", ApiKeyFile = "/nonexistent/key" } },
            Routes = { new RouteOptions { Models = "deepseek-*", Providers = ["deepseek", "openrouter"] }, new RouteOptions { Providers = ["deepseek"] } },
        };

        var failures = new RelayOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("CodexRelay:Providers:deepseek:BaseUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("CodexRelay:Providers:deepseek:ApiKeyFile", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("CodexRelay:Routes:0:Providers:1", StringComparison.Ordinal) && f.Contains("'openrouter'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("CodexRelay:Routes:1:Models", StringComparison.Ordinal));
    }

    [Fact]
    public void RouteToDefault_IsValid_WhenTheUpstreamIsGiven_AndNotOtherwise()
    {
        RelayOptions Options(bool upstream) => new()
        {
            Upstream = { Configured = upstream },
            Providers = { ["local"] = new ProviderOptions { BaseUrl = "http://127.0.0.1:8000/v1" } },
            Routes = { new RouteOptions { Models = "*", Providers = ["local", "default"] } },
        };

        Assert.True(new RelayOptionsValidator().Validate(null, Options(upstream: true)).Succeeded);
        Assert.Contains("CodexRelay:Routes:0:Providers:1", new RelayOptionsValidator().Validate(null, Options(upstream: false)).FailureMessage, StringComparison.Ordinal);
    }
}
