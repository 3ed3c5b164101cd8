namespace Multinet.Web.Yaml;

/// <summary>
/// What the server holds now compared with the loaded version: gone, the same content (only status or bookkeeping
/// moved: the session now stands on the newer version), or changed in <see cref="ChangedFields"/>.
/// </summary>
public sealed record ServerCheck(bool Deleted, bool Changed, string? ResourceVersion, IReadOnlyList<string> ChangedFields);
