namespace Multinet.E2ETests.Infrastructure;

/// <summary>The outcome of one kubectl run.</summary>
public sealed record KubectlResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
