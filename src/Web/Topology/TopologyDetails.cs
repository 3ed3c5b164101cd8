using System.Collections.Immutable;

namespace Multinet.Web.Topology;

/// <summary>What the side panel shows about a selected element: a title, facts as name/value rows, links to the pages about it.</summary>
public sealed record TopologyDetails(string Title, ImmutableArray<(string Name, string Value)> Rows, ImmutableArray<(string Text, string Href)> Links);
