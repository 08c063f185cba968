using Klachten.ServiceDefaults;

// Sends the letters. Consumers arrive with the messaging issue; until then the host answers health checks only.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
