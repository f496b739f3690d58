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
    [InlineData("""{"model":"m","input":"x","include":"reasoning.encrypted_content"}""", "include")]
    [InlineData("""{"model":"m","input":"x","include":["reasoning.everything"]}""", "include[0]")]
    [InlineData("""{"model":"m","input":"x","include":[7]}""", "include[0]")]
    [InlineData("""{"model":"m","input":"x","prompt_cache_key":5}""", "prompt_cache_key")]
    [InlineData("""{"model":"m","input":"x","user":{}}""", "user")]
    [InlineData("""{"model":"m","input":"x","safety_identifier":[]}""", "safety_identifier")]
    [InlineData("""{"model":"m","input":"x","service_tier":"gold"}""", "service_tier")]
    [InlineData("""{"model":"m","input":"x","truncation":true}""", "truncation")]
    [InlineData("""{"model":"m","input":"x","background":"yes"}""", "background")]
    [InlineData("""{"model":"m","input":"x","max_tool_calls":1.5}""", "max_tool_calls")]
    [InlineData("""{"model":"m","input":"x","top_logprobs":21}""", "top_logprobs")]
    [InlineData("""{"model":"m","input":"x","temperature":3}""", "temperature")]
    [InlineData("""{"model":"m","input":"x","top_p":-0.1}""", "top_p")]
    [InlineData("""{"model":"m","input":"x","metadata":{"a":1}}""", "metadata")]
    [InlineData("""{"model":"m","input":"x","metadata":{"1":"","2":"","3":"","4":"","5":"","6":"","7":"","8":"","9":"","10":"","11":"","12":"","13":"","14":"","15":"","16":"","17":""}}""", "metadata")]
    [InlineData("""{"model":"m","input":"x","parallel_tool_calls":"no"}""", "parallel_tool_calls")]
    [InlineData("""{"model":"m","input":"x","store":1}""", "store")]
    [InlineData("""{"model":"m","input":[{"type":7,"role":"user","content":"x"}]}""", "input[0].type")]
    [InlineData("""{"model":"m","input":[{"type":{},"role":"user","content":"x"}]}""", "input[0].type")]
    [InlineData("""{"model":"m","input":[{"type":["message"],"role":"user","content":"x"}]}""", "input[0].type")]
    [InlineData("""{"model":"m","input":[{"type":"message","role":"user"}]}""", "input[0].content")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_text"}]}]}""", "input[0].content[0].text")]
    [InlineData("""{"model":"m","input":[{"type":"function_call","call_id":"c","name":"","arguments":"{}"}]}""", "input[0].name")]
    [InlineData("""{"model":"m","input":[{"type":"function_call","call_id":"c","name":"f"}]}""", "input[0].arguments")]
    [InlineData("""{"model":"m","input":[{"type":"function_call","call_id":"c","name":"f","arguments":{}}]}""", "input[0].arguments")]
    [InlineData("""{"model":"m","input":[{"id":5,"role":"user","content":"x"}]}""", "input[0].id")]
    [InlineData("""{"model":"m","input":[{"type":"function_call_output","call_id":"c"}]}""", "input[0].output")]
    [InlineData("""{"model":"m","input":"x","tools":[5]}""", "tools[0]")]
    [InlineData("""{"model":"m","input":"x","tools":[{"name":"f"}]}""", "tools[0].type")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"teleport","name":"f"}]}""", "tools[0].type")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"has space"}]}""", "tools[0].name")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"f","parameters":"{}"}]}""", "tools[0].parameters")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"f","strict":"yes"}]}""", "tools[0].strict")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"namespace","name":"ns","tools":[{"type":"function","name":"a.b"}]}]}""", "tools[0].tools[0].name")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"f"}],"tool_choice":{"type":"function","name":"g"}}""", "tool_choice")]
    [InlineData("""{"model":"m","input":"x","tool_choice":"sometimes"}""", "tool_choice")]
    public void InvalidRequest_IsRejected_NamingTheParam(string json, string param)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(ResponsesRequestReader.TryRead(document.RootElement, out _, out var error));
        Assert.Equal(400, error!.Status);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void HugeModelOrRole_IsRejected_WithTheValueCutInTheMessage()
    {
        var huge = new string('m', 1_000_000);
        foreach (var json in new[] { $$"""{"model":"{{huge}}","input":"x"}""", $$"""{"model":"m","input":[{"role":"{{huge}}","content":"x"}]}""" })
        {
            using var document = JsonDocument.Parse(json);

            Assert.False(ResponsesRequestReader.TryRead(document.RootElement, out _, out var error));
            Assert.InRange(error!.Message.Length, 1, 400);
        }
    }

    [Fact]
    public void Caps_AreEnforced_AsConfigured()
    {
        var limits = new RequestLimits { MaxInputItems = 2, MaxTools = 1, MaxContentParts = 2 };
        (string Json, string Param)[] cases =
        [
            ("""{"model":"m","input":[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"user","content":"c"}]}""", "input"),
            ("""{"model":"m","input":"x","tools":[{"type":"namespace","name":"n","tools":[{"type":"function","name":"a"}]}]}""", "tools"),
            ("""{"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":"a"},{"type":"input_text","text":"b"},{"type":"input_text","text":"c"}]}]}""", "input"),
        ];
        foreach (var (json, param) in cases)
        {
            using var document = JsonDocument.Parse(json);
            Assert.True(ResponsesRequestReader.TryRead(document.RootElement, out _, out _), json);

            Assert.False(ResponsesRequestReader.TryRead(document.RootElement, limits, out _, out var error));
            Assert.Equal(param, error!.Param);
        }
    }

    /// <summary>Every request and WebSocket <c>response.create</c> the real Codex CLI sent still passes, unchanged.</summary>
    [Fact]
    public void EveryCapturedCodexRequest_PassesValidation()
    {
        var checkedCount = 0;
        foreach (var file in Directory.EnumerateFiles(Fixtures.Path("codex_0_169_0"), "*.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var request in Requests(document.RootElement))
            {
                Assert.True(ResponsesRequestReader.TryRead(request, out _, out var error), $"{file}: {error?.Message}");
                if (!request.TryGetProperty("previous_response_id", out var previous) || previous.ValueKind == JsonValueKind.Null)
                {
                    // A whole history: Codex pairs every call with its output itself.
                    Assert.True(ToolCallPairing.FindBrokenPair(request.GetProperty("input").ValueKind == JsonValueKind.Array ? request.GetProperty("input").EnumerateArray() : []) is null, file);
                }

                checkedCount++;
            }
        }

        Assert.True(checkedCount >= 20, $"only {checkedCount} captured requests found");
    }

    private static IEnumerable<JsonElement> Requests(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("model", out _) && element.TryGetProperty("input", out _))
            {
                yield return element;
                yield break;
            }

            foreach (var property in element.EnumerateObject())
            {
                foreach (var request in Requests(property.Value))
                {
                    yield return request;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray())
            {
                foreach (var request in Requests(child))
                {
                    yield return request;
                }
            }
        }
    }

    [Fact]
    public void CodexFields_AreAccepted()
    {
        var request = Fixtures.CodexRequest("turn1.json");

        Assert.False(request.Store);
        Assert.True(request.Stream);
    }
}
