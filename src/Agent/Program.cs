using Microsoft.AspNetCore.Builder;
using Multinet.Agent;
using Multinet.Agent.Telemetry;

var builder = WebApplication.CreateSlimBuilder(args);
// Probes and scrapes arrive every few seconds: their request lines are not news.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.AddAgent();
builder.AddAgentHttp();
var app = builder.Build();
app.MapAgentHttp();
await app.RunAsync();
