using Klachten.ServiceDefaults;

// Keeps the dossier. Consumers arrive with the messaging issue; until then the host answers health checks only.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
