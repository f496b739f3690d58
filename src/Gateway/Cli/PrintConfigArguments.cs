namespace CodexRelay.Gateway.Cli;

/// <summary>The flags only <c>--print-config</c> reads (the rest come from the relay's settings).</summary>
internal sealed record PrintConfigArguments
{
    public string? Model { get; init; }

    public string EnvKey { get; init; } = CodexConfig.DefaultEnvKey;

    public string ProviderId { get; init; } = CodexConfig.DefaultProviderId;

    public string? CatalogFile { get; init; }

    public static PrintConfigArguments Parse(IReadOnlyList<string> args) => new()
    {
        Model = Value(args, "--model"),
        EnvKey = Value(args, "--env-key") ?? CodexConfig.DefaultEnvKey,
        ProviderId = Value(args, "--provider-id") ?? CodexConfig.DefaultProviderId,
        CatalogFile = Value(args, "--catalog-file"),
    };

    private static string? Value(IReadOnlyList<string> args, string flag)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == flag && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(flag + "=", StringComparison.Ordinal))
            {
                return args[i][(flag.Length + 1)..];
            }
        }

        return null;
    }
}
