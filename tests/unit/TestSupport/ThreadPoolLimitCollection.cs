namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// Tests that cap the process's thread pool to show that a path does not block pool threads: they run alone, after
/// the parallel tests, so no other test shares the capped pool.
/// </summary>
[CollectionDefinition(nameof(ThreadPoolLimitCollection), DisableParallelization = true)]
public sealed class ThreadPoolLimitCollection;
