using BeamConformance.FakeHarness.Internal.Splits;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>
/// The channel-split point of an ordinary data input, against Beam's SDK harness arithmetic (Python
/// <c>DataInputOperation._compute_split</c>): every row is (current index, progress of the current element, stop,
/// fraction of remainder, estimated input elements, allowed split points) → (last primary, first residual) or no split.
/// </summary>
public sealed class ChannelSplitterTests
{
    private const long None = long.MaxValue;

    public static TheoryData<string, long, double, long, double, long, long[], long, long> Splits => new()
    {
        // Before the first element (index -1 counts as a finished element): fraction 0 keeps nothing.
        { "fraction 0 before any element", -1, 1.0, None, 0.0, 10, [], -1, 0 },
        // Half of 10 remaining: keep 5, the residual starts at 5.
        { "fraction 0.5 before any element", -1, 1.0, None, 0.5, 10, [], 4, 5 },
        // 3 elements, keep 1.5: round(2.5) is 2 with halves to even (away from zero would give 3 and split at 2).
        { "half rounds to even", -1, 1.0, None, 0.5, 3, [], 0, 1 },
        // In element 2 (half done): 7.5 remain, keep 3.75, round(0.5 + 3.75) = 4, split after element 5.
        { "fraction 0.5 in element 2", 2, 0.5, None, 0.5, 10, [], 5, 6 },
        // Fraction 0 in element 0: round(0.5) = 0, but the current element is always kept: split after it.
        { "fraction 0 in element 0", 0, 0.5, None, 0.0, 10, [], 0, 1 },
        // 0.25 in element 0: keep 2.375, round(2.875) = 3: an allowed point, taken as is.
        { "fraction 0.25, point allowed", 0, 0.5, None, 0.25, 10, [3, 7], 2, 3 },
        // 3 is not allowed; below every allowed point: the smallest, 5.
        { "fraction 0.25, all allowed points above", 0, 0.5, None, 0.25, 10, [8, 5], 4, 5 },
        // 3 is not allowed; 2 (1 away) is after the current element and closer than 8 (5 away).
        { "fraction 0.25, the closer point below", 0, 0.5, None, 0.25, 10, [2, 8], 1, 2 },
        // 3 is not allowed; 2 and 4 are equally close: the point above wins a tie.
        { "fraction 0.25, tie goes up", 0, 0.5, None, 0.25, 10, [2, 4], 3, 4 },
        // 3 is not allowed; above every allowed point: the largest, 2.
        { "fraction 0.25, all allowed points below", 0, 0.5, None, 0.25, 10, [1, 2], 1, 2 },
        // In element 3: keep 1.625, round(2.125) = 2, so 5; of the allowed 3 and 9, 3 is closer but not after the current element: 9.
        { "a closer point at or before the current element is never taken", 3, 0.5, None, 0.25, 10, [3, 9], 8, 9 },
        // At the last element of 10 (no split yet): the split lands at the end, an empty residual.
        { "at the last element", 9, 0.5, None, 0.5, 10, [], 9, 10 },
        // The runner underestimated: the count is raised to index + 1.
        { "estimate below the index", 12, 0.5, None, 0.5, 4, [], 12, 13 },
        // A second split of a bundle already split at 8: the estimate is capped at the stop index.
        { "estimate capped at the stop", 2, 0.5, 8, 0.5, 10, [], 4, 5 },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Splits_where_Beams_sdk_harnesses_split(
        string because, long index, double progress, long stop, double fraction, long estimated, long[] allowed, long lastPrimary, long firstResidual)
    {
        var split = ChannelSplitter.Compute(index, progress, stop, fraction, estimated, allowed);

        Assert.True(split.HasValue, because);
        Assert.Equal((lastPrimary, firstResidual), split.Value);
    }

    [Theory]
    // Already split at 5 while in element 4: the next boundary is the stop itself.
    [InlineData("at the stop", 4, 0.5, 5, 0.5, 10)]
    // Fraction 1 of a bundle already split at 6 while in element 2: keeping everything is no split.
    [InlineData("fraction 1 up to the stop", 2, 0.5, 6, 1.0, 10)]
    public void Does_not_split_where_no_boundary_is_left(string because, long index, double progress, long stop, double fraction, long estimated)
    {
        Assert.Null(ChannelSplitter.Compute(index, progress, stop, fraction, estimated, []));
        Assert.NotNull(because);
    }

    [Fact]
    public void An_input_splits_only_while_it_runs_and_stops_at_the_residual()
    {
        var state = new ChannelSplitState();
        Assert.Null(state.TrySplit(0.5, 10, []));
        state.Start();

        Assert.Equal(new InputSplit(4, 5, null), state.TrySplit(0.5, 10, []));
        var claimed = 0;
        while (state.TryClaimNext())
        {
            claimed++;
        }

        Assert.Equal(5, claimed);
        // In element 4 with the stop at 5: nothing left to split.
        Assert.Null(state.TrySplit(0.0, 10, []));
        state.Finish();
        Assert.Null(state.TrySplit(0.5, 10, []));
    }
}
