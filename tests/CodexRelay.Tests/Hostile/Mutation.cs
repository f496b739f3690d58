namespace CodexRelay.Tests.Hostile;

/// <summary>What a mutated request must get: rejected with a 4xx, accepted, or either (it stays valid or not depending on the field).</summary>
internal enum Expectation
{
    MustReject,
    MustAccept,
    Either,
}

internal sealed record Mutation(string Name, byte[] Body, Expectation Expectation)
{
    public override string ToString() => Name;
}
