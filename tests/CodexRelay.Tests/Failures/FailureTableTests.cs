using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;

namespace CodexRelay.Tests.Failures;

public sealed class FailureTableTests
{
    public static TheoryData<string> Kinds() => [.. Enum.GetNames<FailureKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKind_HasAShape_OnEveryTransport(string kind)
    {
        var failure = new Failure(Enum.Parse<FailureKind>(kind), "message");

        Assert.InRange(failure.Status, 400, 599);
        Assert.False(string.IsNullOrEmpty(failure.Type));
        Assert.Equal("message", failure.ToErrorObject()["message"]!.GetValue<string>());
        Assert.Equal(failure.Status, failure.ToSocketFrame()["status"]!.GetValue<int>());
        Assert.Equal("error", failure.ToSocketFrame()["type"]!.GetValue<string>());
        Assert.NotNull(failure.ToResponseError()["code"]);
    }

    [Fact]
    public void CodexMeanings_AreKept()
    {
        Assert.Equal((429, "insufficient_quota"), Shape(FailureKind.QuotaExhausted));
        Assert.Equal((429, "rate_limit_exceeded"), Shape(FailureKind.RateLimited));
        Assert.Equal((401, "invalid_api_key"), Shape(FailureKind.Unauthorized));
        Assert.Equal((404, "model_not_found"), Shape(FailureKind.ModelNotAllowed));
        Assert.Equal("model", new Failure(FailureKind.ModelNotAllowed, "m").ToErrorObject()["param"]!.GetValue<string>());
        Assert.Equal((400, "previous_response_not_found"), Shape(FailureKind.PreviousResponseNotFound));
        Assert.Equal((400, "context_length_exceeded"), Shape(FailureKind.ContextLengthExceeded));
    }

    [Fact]
    public void AnUpstreamRejection_KeepsTheProvidersCode()
    {
        var failure = new Failure(FailureKind.UpstreamBadRequest, "bad") { UpstreamCode = "invalid_value", UpstreamType = "invalid_request_error" };

        Assert.Equal("invalid_value", failure.ToErrorObject()["code"]!.GetValue<string>());
        Assert.Equal("invalid_value", failure.ToResponseError()["code"]!.GetValue<string>());
    }

    [Fact]
    public void QuotedIds_AreCut()
    {
        var failure = Failure.PreviousResponseNotFound(new string('x', 20_000));

        Assert.True(failure.Message.Length < 400);
        Assert.IsType<JsonObject>(failure.ToErrorObject());
    }

    private static (int, string?) Shape(FailureKind kind) => (FailureTable.Of(kind).Status, FailureTable.Of(kind).Code);
}
