namespace Multinet.Kube;

/// <summary>
/// Told how a <see cref="KindWatchLoop{T}"/>'s conversation with the API server fares (the console shows a banner while
/// it is lost). The server answering at all counts as connected: a list, a watch event, a watch that ends cleanly, a 410
/// or a kind it does not serve.
/// </summary>
public interface IWatchConnectionObserver
{
    /// <summary>The server answered for the first time.</summary>
    void Connected();

    /// <summary>A list or watch failed; called on every failure until the server answers again.</summary>
    void Lost(Exception error);

    /// <summary>The server answered again after <see cref="Lost"/>.</summary>
    void Recovered();
}
