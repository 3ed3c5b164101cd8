using Microsoft.AspNetCore.Http.HttpResults;

namespace Multinet.Web.Timeline;

/// <summary>
/// <c>GET /api/v1/timeline</c>: the audit timeline for scripts, newest first, with the page's filters (<c>name</c>,
/// <c>kind</c>, <c>node</c>, <c>actor</c>, <c>object</c>, <c>q</c>); changes carry who made them, node results the node,
/// the duration or the error.
/// </summary>
internal static class TimelineEndpoints
{
    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/timeline", GetTimelineAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<TimelineResponse>, ValidationProblem>> GetTimelineAsync(
        TimelineStore store, string? name, string? kind, string? node, string? actor, string? @object, string? q, long? before, int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        TimelineEntryKind? parsedKind = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (Enum.TryParse<TimelineEntryKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k))
            {
                parsedKind = k;
            }
            else
            {
                errors["kind"] = [$"\"{kind}\" is not one of {string.Join(", ", Enum.GetNames<TimelineEntryKind>())}."];
            }
        }

        if (!string.IsNullOrEmpty(@object) && !TimelineRecorder.ObjectKinds.Contains(@object, StringComparer.Ordinal))
        {
            errors["object"] = [$"\"{@object}\" is not one of {string.Join(", ", TimelineRecorder.ObjectKinds)}."];
        }

        if (limit is < 1 or > TimelineQuery.MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {TimelineQuery.MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = new TimelineQuery
        {
            Name = name, Kind = parsedKind, Node = node, Actor = string.IsNullOrEmpty(actor) ? null : actor, ObjectKind = string.IsNullOrEmpty(@object) ? null : @object, Text = q, Before = before, Limit = limit ?? 50,
        };
        var entries = await store.QueryAsync(query, cancellationToken);
        var next = entries.Count == query.Limit ? entries[^1].Id : (long?)null;
        return TypedResults.Ok(new TimelineResponse([.. entries.Select(TimelineEntryDto.From)], next));
    }
}

/// <summary>A page of the timeline; <see cref="Next"/> is the <c>before</c> value of the next page, null at the end.</summary>
public sealed record TimelineResponse(IReadOnlyList<TimelineEntryDto> Items, long? Next);

public sealed record TimelineEntryDto(long Id, DateTime At, TimelineEntryKind Kind, string ObjectKind, string Name, string? Actor, string Summary,
    string? Diff, long? Generation, string? Node, double? DurationMs, string? Error)
{
    public static TimelineEntryDto From(TimelineEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.Kind, e.ObjectKind, e.Name, e.Actor, e.Summary, e.Diff, e.Generation, e.Node, e.DurationMs, e.Error);
    }
}
