using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodexRelay.Testing.Golden;

/// <summary>One Server-Sent Events frame of a Responses stream: <c>event: TYPE</c>, then <c>data: JSON</c>.</summary>
public sealed record SseFrame(string Event, JsonObject Data)
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A frame named by the payload's own <c>type</c>, as the relay writes it.</summary>
    public static SseFrame Of(JsonObject payload) => new(payload["type"]?.GetValue<string>() ?? "", payload);

    /// <summary>The frames of an SSE text; comment lines and frames without data are skipped.</summary>
    public static List<SseFrame> Parse(string text)
    {
        var frames = new List<SseFrame>();
        foreach (var block in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    name = line[6..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    // Several data lines make one payload, joined by newlines (the SSE rule).
                    data.Append(data.Length > 0 ? "\n" : "").Append(line.StartsWith("data: ", StringComparison.Ordinal) ? line[6..] : line[5..]);
                }
            }

            if (data.Length > 0)
            {
                var payload = JsonNode.Parse(data.ToString())!.AsObject();
                frames.Add(new SseFrame(name ?? payload["type"]?.GetValue<string>() ?? "", payload));
            }
        }

        return frames;
    }

    /// <summary>The frames as the relay sends them: one line of compact JSON per event, a blank line after each.</summary>
    public static string Format(IEnumerable<SseFrame> frames)
    {
        var text = new StringBuilder();
        foreach (var frame in frames)
        {
            text.Append("event: ").Append(frame.Event).Append('\n').Append("data: ").Append(Json(frame.Data)).Append("\n\n");
        }

        return text.ToString();
    }

    internal static string Json(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
