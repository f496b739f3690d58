using CodexRelay.Contracts.History;

namespace CodexRelay.Grains.History;

/// <summary>The stored state of one turn: one record per response, written once.</summary>
[GenerateSerializer, Alias("codexrelay.TurnRecord")]
public sealed class TurnRecord
{
    [Id(0)] public StoredTurn? Turn { get; set; }
}
