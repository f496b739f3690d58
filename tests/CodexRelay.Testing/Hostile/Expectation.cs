namespace CodexRelay.Testing.Hostile;

/// <summary>What a mutated request must get: rejected with a 4xx, accepted, or either (it stays valid or not depending on the field).</summary>
public enum Expectation
{
    MustReject,
    MustAccept,
    Either,
}
