using System.Text.Json;
using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>Typed reads of one field that throw a <see cref="RequestValidationException"/> naming its path.</summary>
internal static class JsonFields
{
    public static JsonElement? Optional(JsonElement parent, string name, string path, params ReadOnlySpan<JsonValueKind> kinds)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        foreach (var kind in kinds)
        {
            if (value.ValueKind == kind || (kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False))
            {
                return value;
            }
        }

        throw new RequestValidationException($"Invalid type for '{path}': expected {Expected(kinds)}, got {Describe(value.ValueKind)}.", path);
    }

    public static string? OptionalString(JsonElement parent, string name, string path) =>
        Optional(parent, name, path, JsonValueKind.String)?.GetString();

    /// <summary>
    /// Checks that <paramref name="name"/> is a string (present when <paramref name="required"/>) without reading it:
    /// validation must not copy text it only checks (Codex's 20 KB of instructions on every turn). Its path, built
    /// only for the error, is <c>{parentPath}.{name}</c> (<c>{name}</c> at the top level).
    /// </summary>
    public static void CheckString(JsonElement parent, string name, string? parentPath, bool required)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            return;
        }

        var path = parentPath is null ? name : $"{parentPath}.{name}";
        if (Optional(parent, name, path, JsonValueKind.String) is null && required)
        {
            throw Missing(path);
        }
    }

    public static string RequiredString(JsonElement parent, string name, string path) =>
        OptionalString(parent, name, path) ?? throw Missing(path);

    public static RequestValidationException Missing(string path) => new($"Missing required parameter: '{path}'.", path);

    public static RequestValidationException InvalidValue(string path, string value, string? supported = null) =>
        new($"Invalid value for '{path}': '{FailureText.Quote(value)}'.{(supported is null ? "" : " Supported values are: " + supported + ".")}", path);

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Expected(ReadOnlySpan<JsonValueKind> kinds)
    {
        var names = new List<string>(kinds.Length);
        foreach (var kind in kinds)
        {
            names.Add(Describe(kind));
        }

        return string.Join(" or ", names);
    }
}
