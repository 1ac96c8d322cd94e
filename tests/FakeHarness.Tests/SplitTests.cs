using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>ProcessBundleSplitRequests over the control stream: channel splits of a running bundle, recorded.</summary>
public sealed class SplitTests
{
    private static readonly WindowedValueCoder Wire = new(VarIntCoder.Instance, GlobalWindowCoder.Instance);

    [Fact]
    public async Task A_split_asked_before_the_data_keeps_the_primary_and_drops_the_residual_elements()
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor("stage-1", "run-s");
        d.PCollection("numbers", d.VarInt);
        d.Source("src", "numbers", d.Windowed(d.VarInt, d.GlobalWindowCoder));
        d.Sink("sink", "numbers", d.Windowed(d.VarInt, d.GlobalWindowCoder));
        await session.RegisterAsync(d.Descriptor);
        var bundle = session.Runner.Start(new InstructionRequest { InstructionId = "b1", ProcessBundle = new ProcessBundleRequest { ProcessBundleDescriptorId = "stage-1" } });
        var request = new ProcessBundleSplitRequest { InstructionId = "b1" };
        var desired = new ProcessBundleSplitRequest.Types.DesiredSplit { FractionOfRemainder = 0.5, EstimatedInputElements = 5 };
        desired.AllowedSplitPoints.AddRange([1, 2, 4]);
        request.DesiredSplits["src"] = desired;
        request.DesiredSplits["not-an-input"] = new ProcessBundleSplitRequest.Types.DesiredSplit { FractionOfRemainder = 0.5, EstimatedInputElements = 5 };

        var split = await session.Runner.SendAsync(new InstructionRequest { InstructionId = "s1", ProcessBundleSplit = request });
        foreach (var value in new long[] { 10, 11, 12, 13, 14 })
        {
            await session.Runner.SendDataAsync("b1", "src", Wire.EncodeToArray(new WindowedValue<object?>(value, BeamTime.MinTimestampMillis, [GlobalWindow.Instance], PaneInfo.NoFiring)), isLast: false);
        }

        await session.Runner.SendDataAsync("b1", "src", [], isLast: true);
        var response = await bundle.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // 5 elements from index -1: keep 2.5, round(1 + 2.5) = 4 (halves to even), a split at 3, which is not allowed:
        // 2 and 4 are equally close, and the point above wins a tie.
        Assert.Equal(string.Empty, split.Error);
        var channel = Assert.Single(split.ProcessBundleSplit.ChannelSplits);
        Assert.Equal(("src", 3L, 4L), (channel.TransformId, channel.LastPrimaryElement, channel.FirstResidualElement));
        Assert.Equal(string.Empty, response.Error);
        Assert.Equal("0A0B0C0D", Convert.ToHexString(Strip(await session.Runner.ReceivedAsync("b1", "sink"))));
        // Only ParDo payloads carry the run id: this descriptor of a source and a sink is filed under the empty one.
        var recorded = session.Recorder.Get(string.Empty);
        Assert.Equal(4, recorded.Data.Count);
        var instruction = Assert.Single(recorded.Instructions, i => i.Kind == "process_bundle_split");
        Assert.Equal(
            [new RecordedSplit("b1", "not-an-input", 0.5, [], 5, null, null), new RecordedSplit("b1", "src", 0.5, [], 5, 3, 4)],
            instruction.Splits.Select(s => s with { AllowedSplitPoints = [] }).ToArray(),
            EqualityComparer<RecordedSplit>.Default);
        Assert.Equal([1L, 2, 4], instruction.Splits[1].AllowedSplitPoints);
    }

    [Fact]
    public async Task A_split_of_a_finished_or_unknown_bundle_is_no_split()
    {
        await using var session = await HarnessSession.StartAsync();
        var request = new ProcessBundleSplitRequest { InstructionId = "never-started" };
        request.DesiredSplits["src"] = new ProcessBundleSplitRequest.Types.DesiredSplit { FractionOfRemainder = 0.5, EstimatedInputElements = 5 };

        var split = await session.Runner.SendAsync(new InstructionRequest { ProcessBundleSplit = request });

        Assert.Equal(string.Empty, split.Error);
        Assert.Equal(new ProcessBundleSplitResponse(), split.ProcessBundleSplit);
    }

    // The sink's bytes are windowed values in the global window: keep each element's value byte (varint < 128).
    private static byte[] Strip(byte[] wire)
    {
        var values = new List<byte>();
        var offset = 0;
        while (offset < wire.Length)
        {
            var length = Wire.MeasureNested(wire.AsSpan(offset));
            var value = (WindowedValue<object?>)Wire.DecodeFrom(wire.AsSpan(offset, length).ToArray(), nested: true)!;
            values.Add((byte)(long)value.Value!);
            offset += length;
        }

        return [.. values];
    }
}
