namespace CodexRelay.Grains.Tenancy;

/// <summary>Tokens spent on one UTC day; a new day starts from zero.</summary>
[GenerateSerializer, Alias("codexrelay.DailyTokens")]
public sealed class DailyTokens
{
    [Id(0)] public string Day { get; set; } = "";

    [Id(1)] public long Tokens { get; set; }

    public static string DayOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public long TokensOn(string day) => Day == day ? Tokens : 0;

    public void Add(string day, long tokens)
    {
        if (Day != day)
        {
            Day = day;
            Tokens = 0;
        }

        Tokens += tokens;
    }

    /// <summary>Whole seconds until the next UTC midnight, when the day's tokens start again.</summary>
    public static int SecondsToNextDay(DateTimeOffset now) =>
        (int)Math.Ceiling((now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime).TotalSeconds);
}
