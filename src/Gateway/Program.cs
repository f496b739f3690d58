using CodexRelay.Gateway.Cli;
using CodexRelay.Gateway.Hosting;

// --help, --version and --print-config run without starting the server.
if (await RelayCommandLine.RunCommandAsync(args) is { } exitCode)
{
    return exitCode;
}

var app = RelayApplication.Build(args);
await app.RunAsync();
return 0;
