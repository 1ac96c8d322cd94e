using BeamConformance.Conformance.Running;

[assembly: AssemblyFixture(typeof(BeamConformance.Conformance.Tests.Suite.SuiteFixture))]

namespace BeamConformance.Conformance.Tests.Suite;

/// <summary>
/// One FakeHarness worker pool and one runner (BEAM_JOB_ENDPOINT, else the embedded ReferenceRunner) for the whole
/// test assembly; started on first use so that test runs without suite tests start nothing.
/// </summary>
public sealed class SuiteFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SuiteHost? _host;

    /// <summary>The started host.</summary>
    public async Task<SuiteHost> HostAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _host ??= await SuiteHost.StartAsync(SuiteHost.EndpointFromEnvironment());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _gate.Dispose();
    }
}
