namespace CodexRelay.Contracts.History;

/// <summary>
/// One completed response as it is stored: only what this turn added to the conversation.
/// Items are kept in Responses form (the source of truth); translation is derived from them.
/// </summary>
[GenerateSerializer, Immutable, Alias("codexrelay.StoredTurn")]
public sealed record StoredTurn
{
    [Id(0)] public required string ResponseId { get; init; }

    /// <summary>The response this turn continued, or null for the first turn.</summary>
    [Id(1)] public string? PreviousResponseId { get; init; }

    /// <summary>The tenant that owns the record; other owners get "not found".</summary>
    [Id(2)] public required string Owner { get; init; }

    /// <summary>JSON array of the Responses input items this request added (<c>instructions</c> are per request and not stored, as in the OpenAI API).</summary>
    [Id(3)] public required string InputItemsJson { get; init; }

    /// <summary>The final Response object, output and usage included.</summary>
    [Id(4)] public required string ResponseJson { get; init; }

    [Id(5)] public long CreatedAt { get; init; }
}
