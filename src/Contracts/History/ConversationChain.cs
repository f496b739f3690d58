namespace CodexRelay.Contracts.History;

/// <summary>The turns from the first one to the requested response, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("codexrelay.ConversationChain")]
public sealed record ConversationChain([property: Id(0)] IReadOnlyList<StoredTurn> Turns)
{
    /// <summary>Set (and <see cref="Turns"/> empty) when the chain is past the silo's caps on turns or bytes.</summary>
    [Id(1)] public string? Refusal { get; init; }
}
