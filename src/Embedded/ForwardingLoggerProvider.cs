namespace Multinet.Embedded;

/// <summary>Sends an embedded agent's logs to the console's own logging, so one filter configuration covers both.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
