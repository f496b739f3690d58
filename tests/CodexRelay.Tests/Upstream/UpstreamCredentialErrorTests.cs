using System.Net;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Upstream;

namespace CodexRelay.Tests.Upstream;

/// <summary>Issue 14 §8: what a provider says about the relay's own key is logged, not handed to the client.</summary>
public sealed class UpstreamCredentialErrorTests
{
    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public void RefusedCredentials_GiveTheClientAGenericMessage_AndKeepTheProvidersForTheLog(HttpStatusCode status)
    {
        const string body = """{"error":{"type":"authentication_error","message":"Incorrect API key provided: sk-live-1234****abcd. Account org-secret is suspended."}}""";

        var failure = UpstreamErrorMapper.FromResponse(status, body, null);

        Assert.Equal(status == HttpStatusCode.Unauthorized ? FailureKind.UpstreamUnauthorized : FailureKind.UpstreamForbidden, failure.Kind);
        Assert.DoesNotContain("sk-live", failure.ToErrorObject().ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("org-secret", failure.ToResponseError().ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("org-secret", failure.UpstreamDetail, StringComparison.Ordinal);
    }
}
