using Multinet.Agent;

var builder = Host.CreateApplicationBuilder(args);
builder.AddAgent();
using var host = builder.Build();
await host.RunAsync();
