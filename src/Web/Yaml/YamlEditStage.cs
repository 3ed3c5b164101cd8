namespace Multinet.Web.Yaml;

/// <summary>Where an edit stands.</summary>
public enum YamlEditStage
{
    /// <summary>Nothing loaded, or the object does not exist.</summary>
    Empty,
    Editing,
    /// <summary>The server accepted a dry run of the edit; the diff is ready.</summary>
    Reviewed,
    /// <summary>The object changed on the server since it was loaded: base, yours and the server's version are shown.</summary>
    Conflict,
    Applied,
}
