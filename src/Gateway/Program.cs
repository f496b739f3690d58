using CodexRelay.Gateway.Cli;
using CodexRelay.Gateway.Hosting;
using CodexRelay.Grains.Hosting;
using Microsoft.Extensions.Options;

// codex-relay keys|usage: the admin API from a terminal.
if (AdminCommand.Handles(args))
{
    return await AdminCommand.RunAsync(args, Console.Out, Console.Error);
}

// --help, --version, --print-config and usage errors (exit 2) run without starting the server.
var commandLine = RelayCommandLine.Parse(args);
if (await RelayCommandLine.RunCommandAsync(commandLine, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddCodexRelayGateway(commandLine.Settings);
    var app = builder.Build();
    app.MapCodexRelay();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException invalid)
{
    await Console.Error.WriteLineAsync("codex-relay: invalid settings:\n  " + string.Join("\n  ", invalid.Failures));
    return 1;
}
catch (Exception bind) when (ListenFailure.AddressInUse(bind) is { } cause)
{
    // A port already taken is an operator's error, said in one line, not an unhandled exception and an abort.
    await Console.Error.WriteLineAsync($"codex-relay: cannot listen: {ListenFailure.Describe(cause)} Choose another --port (CODEX_RELAY_PORT) or stop what listens there.");
    return 1;
}
