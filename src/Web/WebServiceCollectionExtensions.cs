using Microsoft.Extensions.Options;
using Multinet.Web.Configuration;
using Multinet.Web.KubeApi;
using MudBlazor.Services;

namespace Multinet.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Everything the console needs: options, endpoints, UI, live state, gRPC gateway and the cluster connection.</summary>
    public static WebApplicationBuilder AddWebServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<MultinetOptions>().BindConfiguration(MultinetOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MultinetOptions>, ValidateMultinetOptions>();
        builder.Services.AddSingleton(TimeProvider.System);
        KestrelEndpoints.Configure(builder);
        builder.AddEmbeddedKubeApi();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }
}
