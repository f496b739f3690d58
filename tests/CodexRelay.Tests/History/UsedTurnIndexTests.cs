using CodexRelay.Contracts.History;
using CodexRelay.Grains.History;
using CodexRelay.Testing.Time;

namespace CodexRelay.Tests.History;

public sealed class UsedTurnIndexTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ATenantsTurnUsedOnALaterDay_IsIndexedUnderThatDay_OnceADay()
    {
        var time = new ManualClock(Created.AddHours(0.5));
        var used = new UsedTurnIndex(time);
        var turn = Turn("team/alice");

        Assert.Null(used.DayToIndex(turn)); // the day it was created: indexed already
        time.Now = Created.AddHours(2); // the next day
        Assert.Equal(TurnWrite.UnixDay(Created.AddDays(1).ToUnixTimeSeconds()), used.DayToIndex(turn));
        Assert.Null(used.DayToIndex(turn));
        time.Now = Created.AddDays(9);
        Assert.Equal(TurnWrite.UnixDay(Created.AddDays(9).ToUnixTimeSeconds()), used.DayToIndex(turn));
        Assert.Null(used.DayToIndex(turn));
    }

    [Fact]
    public void TheKeylessOwner_HasNoIndex()
    {
        var used = new UsedTurnIndex(new ManualClock(Created.AddDays(3)));

        Assert.Null(used.DayToIndex(Turn("default")));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(86_399, 0)]
    [InlineData(86_400, 1)]
    [InlineData(-1, -1)]
    public void UnixDay_CountsWholeUtcDays(long seconds, long day) => Assert.Equal(day, TurnWrite.UnixDay(seconds));

    private static StoredTurn Turn(string owner) => new()
    {
        ResponseId = "resp_x",
        Owner = owner,
        InputItemsJson = "[]",
        ResponseJson = "{}",
        CreatedAt = Created.ToUnixTimeSeconds(),
    };
}
