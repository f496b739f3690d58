using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Hosting;
using CodexRelay.Gateway.WebSockets;

var builder = WebApplication.CreateBuilder(args);
builder.AddRelay(args);

var app = builder.Build();
app.UseMiddleware<RequestContextMiddleware>();
app.UseWebSockets();
app.MapHealthApi();
app.MapResponsesApi();
app.MapResponsesWebSocket();
app.MapModelsApi();
app.Run();
