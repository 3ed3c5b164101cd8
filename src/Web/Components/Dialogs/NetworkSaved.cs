namespace Multinet.Web.Components.Dialogs;

/// <summary>What the Network dialog saved: the Network, the NAD it also wrote (new networks), and why that NAD failed if it did.</summary>
public sealed record NetworkSaved(string Name, string? Nad, string? NadError);
