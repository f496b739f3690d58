namespace CodexRelay.Testing.Time;

/// <summary>A clock the test moves by hand (<see cref="Now"/>, <see cref="Advance"/>); only wall-clock time is faked.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
