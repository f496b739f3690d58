using CodexRelay.Contracts;
using CodexRelay.Contracts.History;

namespace CodexRelay.Tests.History;

/// <summary>Ids drawn from the buffered generator: the asked length, hex only, never repeated, across refills and threads.</summary>
public sealed class SecureRandomHexTests
{
    [Fact]
    public void EachCall_IsTwoHexDigitsPerByte()
    {
        var hex = SecureRandomHex.Next(16);

        Assert.Equal(32, hex.Length);
        Assert.All(hex, c => Assert.True(char.IsAsciiHexDigitLower(c), $"'{c}' is not lower-case hex"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SecureRandomHex.Next(65));
    }

    [Fact]
    public async Task ThousandsOfIds_OverManyRefillsAndThreads_AreAllDifferent()
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 5000).Select(i => SecureRandomHex.Next(i % 2 == 0 ? 16 : 12)).ToList())));

        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ResponseIds_StillCarryTheirConversation()
    {
        var conversation = ResponseIds.NewConversationId();

        Assert.True(ResponseIds.TryGetConversationId(ResponseIds.NewResponseId(conversation), out var found));
        Assert.Equal(conversation, found);
        Assert.NotEqual(ResponseIds.NewResponseId(conversation), ResponseIds.NewResponseId(conversation));
    }
}
