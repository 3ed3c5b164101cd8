namespace Multinet.Web.Auth;

/// <summary>The caller as the console sees it; <see cref="TokenScope"/> is set when it came with a personal API token.</summary>
public sealed record MeDto(string Name, string Role, IReadOnlyList<string> Namespaces, string? TokenScope);
