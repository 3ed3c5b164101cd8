namespace Multinet.Web.Search;

/// <summary>One hit of the global search: what it is, how it reads, and where it leads.</summary>
public sealed record SearchResult(string Kind, string Title, string Detail, string Href);
