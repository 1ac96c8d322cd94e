using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Workers.Internal;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Tests.Workers;

/// <summary>One SDK worker's record: provisioned once, found by every server through one registry, stopped once.</summary>
public sealed class SdkWorkerTests
{
    [Fact]
    public void The_registry_gives_the_expected_worker_its_provision_info_on_the_same_record()
    {
        var workers = new SdkWorkerRegistry();
        var expected = workers.GetOrAdd("job-env-1");

        var provisioned = workers.Provide("job-env-1", new ProvisionInfo { RetrievalToken = "job" });

        Assert.Same(expected, provisioned);
        Assert.Equal("job", workers.Find("job-env-1")!.Provision!.RetrievalToken);
        var again = Assert.Throws<InvalidOperationException>(() => workers.Provide("job-env-1", new ProvisionInfo()));
        Assert.Equal("ReferenceRunner bug: worker id 'job-env-1' is already in use by a running worker.", again.Message);
    }

    [Fact]
    public async Task Stop_ends_the_streams_and_disposes_the_lease_once()
    {
        var worker = new SdkWorker("job-env-1");
        var lease = new CountingLease();
        worker.Lease = lease;

        await worker.StopAsync();
        await worker.StopAsync();

        Assert.True(worker.Closing.IsCancellationRequested);
        Assert.Equal(1, lease.Disposals);
        Assert.Null(worker.Lease);
    }

    [Fact]
    public void Remove_forgets_and_closes_the_worker_and_ignores_unknown_ids()
    {
        var workers = new SdkWorkerRegistry();
        var worker = workers.GetOrAdd("job-env-1");

        workers.Remove("job-env-1");
        workers.Remove("never-started");

        Assert.Null(workers.Find("job-env-1"));
        Assert.True(worker.Closing.IsCancellationRequested);
    }

    private sealed class CountingLease : IWorkerLease
    {
        public int Disposals { get; private set; }

        public string WorkerId => "job-env-1";

        public ValueTask DisposeAsync()
        {
            Disposals++;
            return ValueTask.CompletedTask;
        }
    }
}
