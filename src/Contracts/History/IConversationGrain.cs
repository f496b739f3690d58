namespace CodexRelay.Contracts.History;

/// <summary>
/// The ResponseHistory of one conversation (keyed by the conversation part of its response ids).
/// Every lookup is one grain call, whatever the length of the conversation.
/// </summary>
[Alias("codexrelay.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Records a completed turn. Writes only this turn's record.</summary>
    [Alias("Record")]
    Task RecordAsync(StoredTurn turn);

    /// <summary>The chain that ends at <paramref name="responseId"/>, or null when unknown, expired or owned by another tenant.</summary>
    [Alias("GetChain")]
    Task<ConversationChain?> GetChainAsync(string owner, string responseId);

    /// <summary>One stored turn, or null.</summary>
    [Alias("GetTurn")]
    Task<StoredTurn?> GetTurnAsync(string owner, string responseId);

    /// <summary>Deletes one stored turn; false when it did not exist for this owner.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(string owner, string responseId);
}
