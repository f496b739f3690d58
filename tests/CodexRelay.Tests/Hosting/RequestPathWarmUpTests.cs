using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Hosting;

namespace CodexRelay.Tests.Hosting;

/// <summary>The start-up warm-up's synthetic request stays a valid Codex-shaped request as validation tightens, and goes all the way through.</summary>
public sealed class RequestPathWarmUpTests
{
    [Fact]
    public void TheSyntheticRequest_PassesValidation_AndRunsThroughTranslationAndTheStreamMachine()
    {
        var written = RequestPathWarmUp.Run(2, new TranslationSettings());

        // Chat body, 30-odd events and the stored record: well over a few kilobytes for each request.
        Assert.True(written > 2 * 8_000, $"only {written} bytes written");
    }
}
