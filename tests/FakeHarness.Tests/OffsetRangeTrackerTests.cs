using BeamConformance.FakeHarness.Internal.Sdf;
using BeamConformance.FakeHarness.Internal.Splits;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>
/// The test SDF's restriction tracker against Beam's <c>OffsetRangeTracker.trySplit</c> arithmetic
/// (<c>cur + max(1, trunc((to - cur) × fraction))</c>, cur the last claimed offset or from - 1), its progress, and the
/// element split of a data input whose consumer is splittable (Python <c>DataInputOperation._compute_split</c>).
/// </summary>
public sealed class OffsetRangeTrackerTests
{
    public static TheoryData<string, long, long, long?, double, long?> TrySplits => new()
    {
        // Nothing claimed: cur = -1, 11 left, trunc(5.5) = 5: split at 4.
        { "half of [0, 10) before any claim", 0, 10, null, 0.5, 4 },
        // Claimed 3: 7 left, trunc(3.5) = 3: split at 6 (offset 3 stays in the primary).
        { "half after claiming 3", 0, 10, 3, 0.5, 6 },
        // Fraction 0 after claiming 3: max(1, 0) = 1: the checkpoint keeps only the claimed offset.
        { "fraction 0 is a checkpoint after the claimed offset", 0, 10, 3, 0.0, 4 },
        // Fraction 0 before any claim: cur = from - 1, split at from: an empty primary.
        { "fraction 0 before any claim", 5, 10, null, 0.0, 5 },
        // trunc, not round: 7 × 0.3 = 2.1 → 2 and 7 × 0.9 = 6.3 → 6.
        { "truncates 2.1", 0, 10, 3, 0.3, 5 },
        { "truncates 6.3", 0, 10, 3, 0.9, 9 },
        // Claimed the last offset: the split point would be the end: no split.
        { "nothing left after the last offset", 0, 10, 9, 0.5, null },
        // Fraction 1 keeps everything: no split.
        { "fraction 1", 0, 10, 3, 1.0, null },
    };

    [Theory]
    [MemberData(nameof(TrySplits))]
    public void Splits_as_Beams_OffsetRangeTracker(string because, long from, long to, long? claimed, double fraction, long? splitAt)
    {
        var tracker = new OffsetRangeTracker(from, to);
        if (claimed is { } last)
        {
            for (var offset = from; offset <= last; offset++)
            {
                Assert.True(tracker.TryClaim(offset), because);
            }
        }

        var split = tracker.TrySplit(fraction);

        if (splitAt is { } at)
        {
            Assert.Equal(((from, at), (at, to)), split!.Value);
            Assert.Equal(at, tracker.To);
            Assert.False(tracker.TryClaim(Math.Max(at, (claimed ?? from - 1) + 1)), "the residual's offsets are not claimed here");
        }
        else
        {
            Assert.Null(split);
            Assert.Equal(to, tracker.To);
        }
    }

    [Fact]
    public void Progress_is_the_claimed_offsets_done_and_the_rest_remaining()
    {
        var tracker = new OffsetRangeTracker(10, 20);
        Assert.Equal((0.0, 10.0), tracker.Progress());
        Assert.True(tracker.TryClaim(10));
        Assert.True(tracker.TryClaim(11));
        Assert.True(tracker.TryClaim(12));

        Assert.Equal((2.0, 8.0), tracker.Progress());
        Assert.Equal(0.2, tracker.FractionCompleted(), 12);
        tracker.TrySplit(0.5);
        // [10, 16): 6 offsets, 2 done.
        Assert.Equal((2.0, 4.0), tracker.Progress());
        Assert.Throws<InvalidOperationException>(() => tracker.TryClaim(12));
    }

    public static TheoryData<string, long, double, double, long, long, long> Within => new()
    {
        // One element, half of it asked at progress 0: keep 0.5 < 1: the element keeps half of its remainder.
        { "one element, fraction 0.5", 0, 0.0, 0.5, 1, -1, 1 },
        // Fraction 0: keep 0: a checkpoint of the element, the rest of the channel goes too.
        { "five elements, fraction 0", 0, 0.0, 0.0, 5, -1, 1 },
        // Five elements at 0.5: keep 2.5 ≥ 1: a channel split at round(2.5) = 2 (halves to even), no element split.
        { "five elements, fraction 0.5", 0, 0.0, 0.5, 5, 1, 2 },
    };

    [Theory]
    [MemberData(nameof(Within))]
    public void A_splittable_consumer_splits_its_element_when_the_primary_ends_inside_it(
        string because, long index, double progress, double fraction, long estimated, long lastPrimary, long firstResidual)
    {
        double? asked = null;
        var split = ChannelSplitter.ComputeWithin(index, progress, long.MaxValue, fraction, estimated, [], f =>
        {
            asked = f;
            return new ElementSplit(new BundleApplication(), new DelayedBundleApplication(), (0, 1), (1, 2));
        });

        Assert.NotNull(split);
        Assert.Equal((lastPrimary, firstResidual), (split.LastPrimary, split.FirstResidual));
        Assert.Equal(lastPrimary == index - 1, split.Element is not null);
        if (split.Element is not null)
        {
            Assert.Equal(fraction * estimated, asked!.Value, 12);
        }

        Assert.NotNull(because);
    }

    [Fact]
    public void Truncate_keeps_a_bounded_range_whole_and_drops_an_unbounded_one()
    {
        var bounded = OffsetRangeSdf.Truncate(OffsetRangeSdf.Restriction(3, 7, 42));
        Assert.Equal((3L, 7L, 42L), OffsetRangeSdf.Parts(bounded));

        Assert.Null(OffsetRangeSdf.Truncate(OffsetRangeSdf.Restriction(3, long.MaxValue, 42)));
        Assert.Equal((5L, 5L, 0L), OffsetRangeSdf.Parts(OffsetRangeSdf.Truncate(OffsetRangeSdf.Restriction(5, 5, 0))));
    }

    [Fact]
    public void Work_is_reported_as_metrics_proto_progress_infos_of_the_process_transform()
    {
        var remaining = Internal.MonitoringInfoIds.Work("beam:metric:ptransform_progress:remaining:v1", "Sdf/Process", 6);

        // beam:metrics:progress:v1: an iterable (int32 count 1) of big-endian IEEE doubles, 6.0 = 0x4018000000000000.
        Assert.Equal("000000014018000000000000", Convert.ToHexStringLower(remaining.Payload.Span));
        Assert.Equal(("beam:metric:ptransform_progress:remaining:v1", "beam:metrics:progress:v1"), (remaining.Urn, remaining.Type));
        Assert.Equal("Sdf/Process", Assert.Single(remaining.Labels, static l => l.Key == "PTRANSFORM").Value);
    }

    [Fact]
    public void An_int_await_split_waits_for_that_many_split_requests_and_a_bad_one_is_refused()
    {
        var coder = new Model.Coders.KvCoder(new Model.Coders.KvCoder(Model.Coders.VarIntCoder.Instance, Model.Coders.VarIntCoder.Instance), Model.Coders.VarIntCoder.Instance);
        using var three = System.Text.Json.JsonDocument.Parse("""{"restriction": {"identity": {}}, "await_split": 3}""");
        using var yes = System.Text.Json.JsonDocument.Parse("""{"restriction": {"identity": {}}, "await_split": true}""");
        using var zero = System.Text.Json.JsonDocument.Parse("""{"restriction": {"identity": {}}, "await_split": 0}""");

        Assert.Equal(3, OffsetRangeSdf.Compile(three.RootElement, coder, "t").AwaitSplits);
        Assert.Equal(1, OffsetRangeSdf.Compile(yes.RootElement, coder, "t").AwaitSplits);
        var e = Assert.Throws<Internal.HarnessException>(() => OffsetRangeSdf.Compile(zero.RootElement, coder, "t"));
        Assert.Equal("t.await_split: must be a bool or a number of split requests from 1 to 100, got 0", e.Message);
    }
}
