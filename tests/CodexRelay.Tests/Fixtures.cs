using System.Text.Json;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Wire.Responses;
using CodexRelay.Testing.Files;

namespace CodexRelay.Tests;

/// <summary>Loads the captured Codex 0.169.0 requests and recorded upstream streams.</summary>
internal static class Fixtures
{
    public static string Path(params string[] parts) => TestPaths.Fixture(parts);

    /// <summary>A captured Codex request, read as the relay reads it.</summary>
    public static ResponsesRequest CodexRequest(string name) => Read(CodexCapture.Body(name));

    public static ResponsesRequest Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement.Clone());
    }

    public static ResponsesRequest Read(JsonElement body)
    {
        Assert.True(ResponsesRequestReader.TryRead(body, out var request, out var error), error?.Message);
        return request;
    }

    /// <summary>The translation with its body as the upstream reads it: written, then parsed (raw client JSON in it is written, not read).</summary>
    public static TranslatedRequest Translate(ResponsesRequest request, TranslationSettings? settings = null)
    {
        var translated = ChatRequestTranslator.ToChatRequest(request, [], settings ?? new TranslationSettings());
        return translated with { Body = System.Text.Json.Nodes.JsonNode.Parse(CodexRelay.Gateway.Wire.Json.JsonNodes.ToJson(translated.Body))!.AsObject() };
    }
}
