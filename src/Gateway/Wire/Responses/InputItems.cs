using System.Text;
using System.Text.Json;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>Small readers shared by the item translators.</summary>
internal static class InputItems
{
    /// <summary>The item's <c>type</c>; an item without one is a message (as the API treats it).</summary>
    public static string TypeOf(JsonElement item) =>
        item.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "message";

    public static string? GetString(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Joins the text of a content value that is a string or an array of text parts.</summary>
    public static string JoinText(JsonElement content, string separator = "")
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        // One part (the common case: Codex's 18 KB developer prompt) is returned as is, without a builder copy.
        string? first = null;
        StringBuilder? joined = null;
        foreach (var part in content.EnumerateArray())
        {
            if (GetString(part, "text") is not { } value)
            {
                continue;
            }

            if (joined is null)
            {
                if (first is null)
                {
                    first = value;
                    continue;
                }

                joined = new StringBuilder(first);
            }

            if (joined.Length > 0)
            {
                joined.Append(separator);
            }

            joined.Append(value);
        }

        return joined?.ToString() ?? first ?? "";
    }
}
