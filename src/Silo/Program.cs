using CodexRelay.Grains.Hosting;
using CodexRelay.Grains.Hosting.Settings;
using CodexRelay.Silo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var commandLine = new SettingsCommandLine(SiloSettings.All, SiloSettings.Commands).Parse(args);
if (commandLine.Errors.Count > 0)
{
    await Console.Error.WriteLineAsync(string.Join("\n", commandLine.Errors.Select(e => "CodexRelay.Silo: " + e)) + "\nRun 'CodexRelay.Silo --help' for the flags, their variables and defaults.");
    return SettingsCommandLine.UsageErrorExitCode;
}

if (commandLine.Has("--help"))
{
    await Console.Out.WriteAsync(SiloSettings.Help);
    return 0;
}

try
{
    await SiloHost.Build(args, commandLine.Settings).RunAsync();
    return 0;
}
catch (OptionsValidationException invalid)
{
    await Console.Error.WriteLineAsync("CodexRelay.Silo: invalid settings:\n  " + string.Join("\n  ", invalid.Failures));
    return 1;
}
catch (Exception bind) when (ListenFailure.AddressInUse(bind) is { } cause)
{
    // A port already taken is an operator's error, said in one line, not an unhandled exception and an abort.
    await Console.Error.WriteLineAsync($"CodexRelay.Silo: cannot listen: {ListenFailure.Describe(cause)} Choose other ports (--silo-http-port, --silo-port, --orleans-gateway-port) or stop what listens there.");
    return 1;
}
