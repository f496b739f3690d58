namespace CodexRelay.Testing.Hostile;

/// <summary>
/// One hostile request of the <see cref="MutationCorpus"/>, named for the test report: a body, and for the wrong-method
/// class another method or path (relative to <c>/v1/</c>) than <c>POST responses</c>.
/// </summary>
public sealed record Mutation(string Name, byte[] Body, Expectation Expectation)
{
    public string Method { get; init; } = "POST";

    public string Path { get; init; } = "responses";

    public bool IsCreate => Method == "POST" && Path == "responses";

    public override string ToString() => Name;
}
