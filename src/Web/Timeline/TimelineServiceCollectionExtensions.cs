using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Multinet.Web.Configuration;

namespace Multinet.Web.Timeline;

internal static class TimelineServiceCollectionExtensions
{
    /// <summary>The audit timeline: SQLite in the data directory, the recorder that fills it, the store pages and the API read.</summary>
    public static IServiceCollection AddTimeline(this IServiceCollection services)
    {
        services.AddOptions<TimelineOptions>().BindConfiguration(TimelineOptions.SectionName)
            .Validate(o => o.MaxEntries > 0, "Multinet:Timeline:MaxEntries must be positive.")
            .Validate(o => o.ResultTimeoutSeconds > 0, "Multinet:Timeline:ResultTimeoutSeconds must be positive.").ValidateOnStart();
        services.AddDbContextFactory<TimelineDbContext>((provider, db) =>
            db.UseSqlite($"Data Source={provider.GetRequiredService<IOptions<MultinetOptions>>().Value.DataPath("console.db")}"));
        services.AddSingleton<TimelineStore>();
        services.AddHostedService<TimelineRecorder>();
        return services;
    }
}
