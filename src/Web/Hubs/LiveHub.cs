using Microsoft.AspNetCore.SignalR;
using Multinet.Web.State;

namespace Multinet.Web.Hubs;

/// <summary>
/// The live change feed for clients other than the Blazor pages (scripts, CLIs, tests). On connect a client may
/// ask for the snapshot; batches of changes then arrive as <c>changes</c> messages, published once for all clients.
/// </summary>
internal sealed class LiveHub(LiveState live) : Hub
{
    public const string Path = "/hubs/live";
    public const string ChangesMethod = "changes";

    public LiveSnapshotDto GetSnapshot() => LiveSnapshotDto.From(live.Current);
}
