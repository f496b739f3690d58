namespace CodexRelay.Contracts.History;

/// <summary>
/// Response ids carry their conversation: <c>resp_</c> + 32 hex (128 random bits, the conversation)
/// + 32 hex (128 random bits, the turn). Any gateway finds the conversation grain from the id alone.
/// </summary>
public static class ResponseIds
{
    public const string Prefix = "resp_";
    private const int PartLength = 32;

    public static string NewConversationId() => RandomHex();

    public static string NewResponseId(string conversationId) => Prefix + conversationId + RandomHex();

    public static bool TryGetConversationId(string? responseId, out string conversationId)
    {
        conversationId = "";
        if (responseId is null || responseId.Length != Prefix.Length + 2 * PartLength || !responseId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in responseId.AsSpan(Prefix.Length))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        conversationId = responseId.Substring(Prefix.Length, PartLength);
        return true;
    }

    private static string RandomHex() => SecureRandomHex.Next(PartLength / 2);
}
