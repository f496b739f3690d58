namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// What the relay writes in a reasoning item's <c>encrypted_content</c>, which Codex asks for
/// (<c>include: ["reasoning.encrypted_content"]</c>) and replays verbatim (CODEX-WIRE.md): where the reasoning
/// came from. Only reasoning made from a provider's <c>reasoning_content</c> / <c>reasoning</c> field goes back
/// as <c>reasoning_content</c> by default; text that was inside <c>&lt;think&gt;</c> tags never does.
/// It is not encrypted: it holds no secret and no text, only the origin.
/// </summary>
internal static class ReasoningProvenance
{
    public const string ReasoningContent = "codex-relay:v1:reasoning_content";

    public const string ThinkTags = "codex-relay:v1:think_tags";
}
