using Multinet.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddWebServices();

var app = builder.Build();
app.MapWebEndpoints();
app.Run();

/// <summary>The console's entry point; public for the test host.</summary>
public partial class Program;
