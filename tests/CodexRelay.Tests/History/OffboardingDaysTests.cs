using CodexRelay.Gateway.Admin;

namespace CodexRelay.Tests.History;

public sealed class OffboardingDaysTests
{
    [Fact]
    public void TheWalk_CoversEveryDayAResponseCanHaveBeenLastUsedOn()
    {
        var now = new DateTimeOffset(2026, 12, 7, 0, 30, 0, TimeSpan.Zero);

        var days = AdminEndpoints.OffboardingDays(TimeSpan.FromHours(168), now).ToList();

        // Last used at most 7 days ago (2026-11-30 00:30 at the earliest), and a day more for clocks behind.
        Assert.Equal("2026-11-29", days[0]);
        Assert.Equal("2026-12-07", days[^1]);
        Assert.Equal(9, days.Count);
    }

    [Fact]
    public void ASilosLongerTtl_WidensTheWalk_AndAFractionOfADayCountsWhole()
    {
        var now = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(32, AdminEndpoints.OffboardingDays(TimeSpan.FromHours(720), now).Count());
        Assert.Equal(3, AdminEndpoints.OffboardingDays(TimeSpan.FromHours(1), now).Count());
    }
}
