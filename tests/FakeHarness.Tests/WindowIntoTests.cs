using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary><c>beam:transform:window_into:v1</c> assigns windows as Beam's SDKs do.</summary>
public sealed class WindowIntoTests
{
    [Theory]
    // fixed: the window of the size grid containing the timestamp
    [InlineData("fixed", 1000, 0, 0, 1500, "[1000,2000)")]
    // fixed: negative timestamps round down, not toward zero
    [InlineData("fixed", 1000, 0, 0, -1, "[-1000,0)")]
    // fixed: the end of a window belongs to the next one
    [InlineData("fixed", 1000, 0, 0, 1000, "[1000,2000)")]
    // fixed with an offset: the grid is shifted
    [InlineData("fixed", 1000, 0, 200, 100, "[-800,200)")]
    // sliding: every window containing the timestamp, latest start first
    [InlineData("sliding", 1000, 500, 0, 1200, "[1000,2000) [500,1500)")]
    // sliding with a period that does not divide the size
    [InlineData("sliding", 1000, 300, 0, 0, "[0,1000) [-300,700) [-600,400) [-900,100)")]
    // sessions: a proto-session [t, t + gap), merged later by the runner
    [InlineData("sessions", 100, 0, 0, 5, "[5,105)")]
    // global
    [InlineData("global", 0, 0, 0, 5, "global")]
    public async Task Assigns_windows_from_the_timestamp(string kind, long size, long period, long offset, long timestamp, string expected)
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor();
        var windowFn = kind switch
        {
            "fixed" => DescriptorBuilder.Fixed(size, offset),
            "sliding" => DescriptorBuilder.Sliding(size, period),
            "sessions" => DescriptorBuilder.Sessions(size),
            _ => new FunctionSpec { Urn = "beam:window_fn:global_windows:v1" },
        };
        var windowing = d.Windowing("w", windowFn, kind == "global" ? d.GlobalWindowCoder : d.IntervalWindowCoder);
        d.PCollection("impulse", d.Bytes);
        d.PCollection("stamped", d.VarInt);
        d.PCollection("windowed", d.VarInt, windowing);
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Create", "beamconformance:transform:create:v1", $$"""{"elements": [{"value": 1, "timestamp_ms": {{timestamp}}}]}""", new() { ["main"] = "impulse" }, new() { ["out"] = "stamped" });
        d.WindowInto("Window", windowFn, "stamped", "windowed");
        d.ParDo("Out", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "windowed" }, []);
        await session.RegisterAsync(d.Descriptor);

        var response = await session.RunBundleAsync("stage-1", "b1", "src", HarnessSession.ImpulseBytes);

        Assert.Equal(string.Empty, response.Error);
        var captured = Assert.Single(session.Captures.GetElements("run-1", "Out"));
        Assert.Equal(expected, Show.Windows(captured.Windows));
        Assert.Equal(timestamp, captured.TimestampMillis);
    }
}
