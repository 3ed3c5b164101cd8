using Multinet.Embedded;
using Multinet.Web.Configuration;
using Multinet.Web;

// Settings and static assets come from the build output; relative paths such as Multinet:DataDir from where it is run.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddWebServices();

// No cluster configured: the console serves its own Kubernetes-compatible API and runs simulated nodes against it.
if (MultinetOptions.From(builder.Configuration) is { IsEmbedded: true } settings)
{
    builder.AddEmbeddedCluster(settings.DataDir, settings.GrpcUrl);
}

var app = builder.Build();
app.MapWebEndpoints();
app.Run();

/// <summary>The console's entry point; public for the test host.</summary>
public partial class Program;
