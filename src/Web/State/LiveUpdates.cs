namespace Multinet.Web.State;

/// <summary>
/// Per browser circuit: whether live updates are paused. While paused, pages keep showing what they had and
/// remember only the latest state; resuming shows it at once. The same holds, silently, while the browser is away
/// (<see cref="Disconnected"/>): a retained circuit does no work until it reconnects.
/// </summary>
public sealed class LiveUpdates
{
    public bool Paused { get; private set; }

    /// <summary>The circuit's browser connection is down (a closed tab, a dropped network); it may still come back.</summary>
    public bool Disconnected { get; private set; }

    /// <summary>Whether pages should hold back batches now, for the user's pause or an absent browser.</summary>
    public bool HoldingBack => Paused || Disconnected;

    public event Action? Changed;

    public void Toggle()
    {
        Paused = !Paused;
        Changed?.Invoke();
    }

    /// <summary>Raised by the circuit's connection events, on its dispatcher.</summary>
    public void SetConnected(bool connected)
    {
        if (Disconnected == !connected)
        {
            return;
        }

        Disconnected = !connected;
        Changed?.Invoke();
    }
}
