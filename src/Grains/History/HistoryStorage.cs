namespace CodexRelay.Grains.History;

/// <summary>The name of the grain storage provider that holds response history.</summary>
public static class HistoryStorage
{
    public const string Name = "responses";
}
