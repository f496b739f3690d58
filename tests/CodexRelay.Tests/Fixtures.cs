using System.Text.Json;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Tests;

/// <summary>Loads the captured Codex 0.169.0 requests and recorded upstream streams.</summary>
internal static class Fixtures
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    /// <summary>The body of a captured Codex request.</summary>
    public static JsonElement CodexBody(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path("codex_0_169_0", name)));
        return document.RootElement.GetProperty("body").Clone();
    }

    public static ResponsesRequest CodexRequest(string name) => Read(CodexBody(name));

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

    public static TranslatedRequest Translate(ResponsesRequest request, TranslationSettings? settings = null) =>
        ChatRequestTranslator.ToChatRequest(request, [], settings ?? new TranslationSettings());
}
