namespace Multinet.Web.Configuration;

/// <summary>
/// Once the server has started, logs the addresses it actually bound, the UI's and the agents' gRPC gateway's, in one
/// line ("Console listening on …; agents' gRPC endpoint on …"): with port 0 in <c>--urls</c> or <c>Multinet:GrpcUrl</c>
/// Kestrel picks free ports itself, and whoever started the console (a test, a script) reads them from this line.
/// </summary>
internal sealed partial class ListenAddressLog(ConsoleEndpoints endpoints, IHostApplicationLifetime lifetime, ILogger<ListenAddressLog> logger) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStarted.Register(() => LogListening(logger, string.Join(", ", endpoints.UiUrls), endpoints.Url));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Console listening on {UiUrls}; agents' gRPC endpoint on {GrpcUrl}")]
    private static partial void LogListening(ILogger logger, string uiUrls, string grpcUrl);
}
