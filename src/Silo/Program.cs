using CodexRelay.Grains.Hosting;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddRelaySettings(args);
builder.UseOrleans(silo => silo.ConfigureRelaySilo(builder.Configuration));
await builder.Build().RunAsync();
