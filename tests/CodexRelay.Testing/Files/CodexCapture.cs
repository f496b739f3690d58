using System.Text.Json;

namespace CodexRelay.Testing.Files;

/// <summary>The requests Codex 0.169.0 sent, captured under tests/fixtures/codex_0_169_0.</summary>
public static class CodexCapture
{
    /// <summary>The body of a captured request, e.g. <c>turn2.json</c>.</summary>
    public static JsonElement Body(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("codex_0_169_0", name)));
        return document.RootElement.GetProperty("body").Clone();
    }
}
