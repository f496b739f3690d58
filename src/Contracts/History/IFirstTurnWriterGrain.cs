namespace CodexRelay.Contracts.History;

/// <summary>
/// Records the first turn of a new conversation (no <see cref="StoredTurn.PreviousResponseId"/>) without activating
/// its <see cref="IConversationGrain"/>; a stateless worker on the silo the call reaches (key 0).
/// </summary>
[Alias("codexrelay.IFirstTurnWriterGrain")]
public interface IFirstTurnWriterGrain : IGrainWithIntegerKey
{
    [Alias("RecordFirst")]
    Task RecordAsync(StoredTurn turn);
}
