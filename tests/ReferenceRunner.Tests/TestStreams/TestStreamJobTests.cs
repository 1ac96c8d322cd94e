using Org.Apache.Beam.Model.JobManagement.V1;
using static BeamConformance.ReferenceRunner.Tests.TestStreams.Events;

namespace BeamConformance.ReferenceRunner.Tests.TestStreams;

/// <summary>
/// TestStream end to end: Prepare and Run over the job port, the real executor and engine, the FakeHarness running
/// WindowInto and the capture sinks. Each expectation is the exact pane list (value, timestamp, window, pane info).
/// </summary>
public sealed class TestStreamJobTests : IAsyncLifetime
{
    private StreamingJob _job = null!;

    public async ValueTask InitializeAsync() => _job = await StreamingJob.StartAsync();

    public async ValueTask DisposeAsync() => await _job.DisposeAsync();

    [Fact]
    public async Task Watermark_at_the_max_timestamp_does_not_fire_and_one_ms_past_does_and_later_data_is_dropped()
    {
        var p = _job.NewPipeline();
        var source = p.TestStream("events",
        [
            Add(("a", 1, 1000)),
            Watermark(9999),
            Add(("a", 2, 2000)),
            Watermark(10_000),
            Add(("a", 3, 3000)),
            Add(("a", 4, 12_000)),
        ]);
        p.Capture("grouped", p.GroupByKey("group", p.WindowInto("window", source["out"], p.Fixed10(0))));

        var outcome = await _job.RunAsync(p);

        Assert.True(outcome.State == JobState.Types.Enum.Done, outcome.ToString());
        Assert.Equal(
        [
            "grouped a=[1,2] @9999 [0,10000) Pane(OnTime, index=0, onTimeIndex=0, first, last)",
            "grouped a=[4] @19999 [10000,20000) Pane(OnTime, index=0, onTimeIndex=0, first, last)",
        ], outcome.Captures);
    }
}
