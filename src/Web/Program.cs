using Multinet.Web;

// Settings and static assets come from the build output; relative paths such as Multinet:DataDir from where it is run.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddWebServices();

var app = builder.Build();
app.MapWebEndpoints();
app.Run();

/// <summary>The console's entry point; public for the test host.</summary>
public partial class Program;
