namespace CodexRelay.EndToEnd.Tests.Live;

/// <summary>
/// A test against a real provider: it runs when <see cref="Variable"/> is set and is reported as skipped, with the
/// reason, when it is not. So CI without keys skips these and never fails on them.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LiveProviderFactAttribute : FactAttribute
{
    public LiveProviderFactAttribute(string variable)
    {
        Variable = variable;
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
        {
            Skip = $"{variable} is not set: this live provider test needs it (see README, Providers).";
        }
    }

    public string Variable { get; }
}
