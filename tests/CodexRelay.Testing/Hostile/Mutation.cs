namespace CodexRelay.Testing.Hostile;

/// <summary>One hostile request body of the <see cref="MutationCorpus"/>, named for the test report.</summary>
public sealed record Mutation(string Name, byte[] Body, Expectation Expectation)
{
    public override string ToString() => Name;
}
