using Multinet.E2ETests.Infrastructure;

[assembly: AssemblyFixture(typeof(BrowserFixture))]
