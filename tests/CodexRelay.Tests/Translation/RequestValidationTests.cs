using System.Text.Json;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Tests.Translation;

public sealed class RequestValidationTests
{
    [Theory]
    [InlineData("""{"input":"hi"}""", "model")]
    [InlineData("""{"model":"m","input":5}""", "input")]
    [InlineData("""{"model":"m","input":[{"role":"wizard","content":"x"}]}""", "input[0].role")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_video"}]}]}""", "input[0].content[0].type")]
    [InlineData("""{"model":"m","input":[{"type":"function_call","name":"f","arguments":"{}"}]}""", "input[0].call_id")]
    [InlineData("""{"model":"m","input":[{"type":"function_call_output","call_id":"c","output":7}]}""", "input[0].output")]
    [InlineData("""{"model":"m","stream":"yes"}""", "stream")]
    [InlineData("""{"model":"m"}""", "input")]
    [InlineData("""{"model":"m","input":[]}""", "input")]
    [InlineData("""{"model":"m","input":"x","max_output_tokens":-1}""", "max_output_tokens")]
    [InlineData("""{"model":"m","input":"x","tools":{}}""", "tools")]
    [InlineData("""{"model":"m","input":[1]}""", "input[0]")]
    public void InvalidRequest_IsRejected_NamingTheParam(string json, string param)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(ResponsesRequestReader.TryRead(document.RootElement, out _, out var error));
        Assert.Equal(400, error!.Status);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void CodexFields_AreAccepted()
    {
        var request = Fixtures.CodexRequest("turn1.json");

        Assert.False(request.Store);
        Assert.True(request.Stream);
    }
}
