namespace BeamConformance.FakeHarness.Tests;

/// <summary>The worker's BeamFnData stream: one per data endpoint, shared by every bundle.</summary>
public sealed class DataStreamTests
{
    /// <summary>
    /// Bundles starting at once on a fresh worker (as a runner's transcoding stage and its consumer do) must share one
    /// data stream: a second one, left open, may be where the runner sends a bundle's input, and that bundle then waits
    /// forever (the hang of flatten/impulse_flattened_with_itself).
    /// </summary>
    [Fact]
    public async Task Bundles_starting_together_open_one_data_stream_and_each_gets_its_input()
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor("transcode");
        d.PCollection("impulse", d.Bytes);
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.Sink("sink", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        await session.RegisterAsync(d.Descriptor);

        var ids = Enumerable.Range(1, 16).Select(static i => "b" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var pending = ids.Select(id => session.Runner.Start(new() { InstructionId = id, ProcessBundle = new() { ProcessBundleDescriptorId = "transcode" } })).ToArray();
        foreach (var id in ids)
        {
            await session.Runner.SendDataAsync(id, "src", HarnessSession.ImpulseBytes, isLast: true);
        }

        var responses = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.All(responses, r => Assert.Equal(string.Empty, r.Error));
        foreach (var id in ids)
        {
            Assert.Equal(HarnessSession.ImpulseBytes, await session.Runner.ReceivedAsync(id, "sink"));
        }

        Assert.Equal(1, session.Runner.DataStreamsOpened);
    }
}
