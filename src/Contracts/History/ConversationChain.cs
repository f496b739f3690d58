namespace CodexRelay.Contracts.History;

/// <summary>The turns from the first one to the requested response, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("codexrelay.ConversationChain")]
public sealed record ConversationChain([property: Id(0)] IReadOnlyList<StoredTurn> Turns);
