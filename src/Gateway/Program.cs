using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRelay(args);

var app = builder.Build();
app.UseMiddleware<RequestContextMiddleware>();
app.MapHealthApi();
app.MapResponsesApi();
app.MapModelsApi();
app.Run();
