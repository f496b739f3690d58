using System.Text.Json.Nodes;

namespace CodexRelay.Deploy.Tests.Support;

/// <summary>Builds Chat Completions stream chunks as providers send them.</summary>
internal static class Chunks
{
    public static string Text(string text) => Delta(new JsonObject { ["content"] = text });


    public static string Finish(string reason) => Chunk(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = reason });

    public static string Usage(int prompt = 120, int completion = 12) => new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion.chunk",
        ["choices"] = new JsonArray(),
        ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
    }.ToJsonString();

    /// <summary>A whole text answer: text deltas, stop, usage.</summary>
    public static string[] Answer(string text) => [Text(text[..(text.Length / 2)]), Text(text[(text.Length / 2)..]), Finish("stop"), Usage()];

    private static string Delta(JsonObject delta) => Chunk(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = null });

    private static string Chunk(JsonObject choice) => new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion.chunk",
        ["model"] = "scripted",
        ["choices"] = new JsonArray(choice),
    }.ToJsonString();
}
