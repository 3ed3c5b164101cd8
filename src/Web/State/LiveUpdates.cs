namespace Multinet.Web.State;

/// <summary>
/// Per browser circuit: whether live updates are paused. While paused, pages keep showing what they had and
/// remember only the latest state; resuming shows it at once.
/// </summary>
public sealed class LiveUpdates
{
    public bool Paused { get; private set; }

    public event Action? Changed;

    public void Toggle()
    {
        Paused = !Paused;
        Changed?.Invoke();
    }
}
