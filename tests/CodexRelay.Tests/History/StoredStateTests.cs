using System.Text;
using System.Text.Json;
using CodexRelay.Contracts.History;
using CodexRelay.Grains.History;
using CodexRelay.Grains.Storage;

namespace CodexRelay.Tests.History;

/// <summary>The stored record's JSON: the turn's JSON strings escaped once, and records written before that still read.</summary>
public sealed class StoredStateTests
{
    private static readonly JsonSerializerOptions DefaultEncoder = new(JsonSerializerDefaults.Web);

    private static readonly TurnRecord Record = new()
    {
        Turn = new StoredTurn
        {
            ResponseId = "resp_1",
            Owner = "team/alice",
            InputItemsJson = """[{"role":"user","content":"say \"hi\" <b>&</b> é"}]""",
            ResponseJson = """{"id":"resp_1","output":[]}""",
            CreatedAt = 1,
        },
    };

    [Fact]
    public void TheTurnsJson_IsEscapedOnlyAsJsonRequires()
    {
        var text = Encoding.UTF8.GetString(StoredState.Serialize(Record));

        Assert.Contains("""[{\"role\":\"user\",\"content\":\"say \\\"hi\\\" <b>&</b> é\"}]""", text, StringComparison.Ordinal);
        Assert.Equal(Record.Turn, StoredState.Deserialize<TurnRecord>(Encoding.UTF8.GetBytes(text))!.Turn);
    }

    [Fact]
    public void ARecordWrittenWithTheDefaultEncoder_ReadsTheSame()
    {
        var old = JsonSerializer.SerializeToUtf8Bytes(Record, DefaultEncoder);

        Assert.Contains("\\u0022", Encoding.UTF8.GetString(old), StringComparison.Ordinal);
        Assert.Equal(Record.Turn, StoredState.Deserialize<TurnRecord>(old)!.Turn);
        Assert.True(StoredState.Serialize(Record).Length < old.Length);
    }
}
