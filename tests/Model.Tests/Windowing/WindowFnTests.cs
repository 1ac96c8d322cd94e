using BeamConformance.Model.Windowing;
using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Tests.Windowing;

public sealed class WindowFnTests
{
    [Theory]
    [InlineData(0, 0, 0, 10)]
    [InlineData(9, 0, 0, 10)]
    [InlineData(10, 0, 10, 20)]
    [InlineData(-1, 0, -10, 0)]
    [InlineData(2, 3, -7, 3)]
    [InlineData(3, 3, 3, 13)]
    public void Fixed_assigns_the_one_window_of_the_offset_grid(long timestamp, long offset, long start, long end) =>
        Assert.Equal([new IntervalWindow(start, end)], new WindowFn.Fixed(10, offset).AssignWindows(timestamp));

    [Fact]
    public void Sliding_assigns_every_window_containing_the_timestamp_latest_start_first() =>
        Assert.Equal(
            [new IntervalWindow(10, 25), new IntervalWindow(5, 20), new IntervalWindow(0, 15)],
            new WindowFn.Sliding(15, 5, 0).AssignWindows(12));

    [Fact]
    public void Sessions_assign_the_gap_window_and_merge()
    {
        Assert.True(new WindowFn.Sessions(100).IsMerging);
        Assert.Equal([new IntervalWindow(7, 107)], new WindowFn.Sessions(100).AssignWindows(7));
    }

    [Fact]
    public void Side_input_window_is_the_window_of_the_main_windows_max_timestamp()
    {
        Assert.Equal(GlobalWindow.Instance, WindowFn.Global.Instance.SideInputWindow(new IntervalWindow(0, 10)));
        Assert.Equal(new IntervalWindow(0, 10), new WindowFn.Fixed(10, 0).SideInputWindow(new IntervalWindow(3, 8)));
        Assert.Equal(new IntervalWindow(5, 20), new WindowFn.Sliding(15, 5, 0).SideInputWindow(new IntervalWindow(0, 10)));
        Assert.Null(new WindowFn.Sessions(5).SideInputWindow(new IntervalWindow(0, 10)));
    }

    [Fact]
    public void Sizes_must_be_positive()
    {
        Assert.Equal("SizeMillis", Assert.Throws<ArgumentOutOfRangeException>(() => new WindowFn.Fixed(0, 0)).ParamName);
        Assert.Equal("PeriodMillis", Assert.Throws<ArgumentOutOfRangeException>(() => new WindowFn.Sliding(10, -1, 0)).ParamName);
        Assert.Equal("GapMillis", Assert.Throws<ArgumentOutOfRangeException>(() => new WindowFn.Sessions(0)).ParamName);
    }

    [Fact]
    public void Custom_window_fn_cannot_assign() =>
        Assert.Equal(
            "window fn 'x:y' is custom: only its SDK can assign windows",
            Assert.Throws<NotSupportedException>(() => new WindowFn.Custom("x:y", ReadOnlyMemory<byte>.Empty).AssignWindows(0)).Message);

    [Theory]
    [InlineData(1000, 1000)]
    [InlineData(1001, 1010)]
    [InlineData(1009, 1010)]
    [InlineData(-5, 0)]
    public void AlignTo_rounds_up_to_the_grid(long time, long aligned) =>
        Assert.Equal(aligned, new TimestampTransform.AlignTo(10, 0).Apply(time));

    [Fact]
    public void AfterProcessingTime_applies_its_transforms_in_order()
    {
        var delayThenAlign = new Trigger.AfterProcessingTime([new TimestampTransform.Delay(3), new TimestampTransform.AlignTo(10, 2)]);
        var alignThenDelay = new Trigger.AfterProcessingTime([new TimestampTransform.AlignTo(10, 2), new TimestampTransform.Delay(3)]);

        Assert.Equal(22, delayThenAlign.FireTime(13));
        Assert.Equal(25, alignThenDelay.FireTime(13));
        Assert.Equal(long.MaxValue, new TimestampTransform.Delay(5).Apply(long.MaxValue - 1));
    }

    [Fact]
    public void Trigger_trees_compare_by_value()
    {
        Assert.Equal(new Trigger.AfterAll([new Trigger.ElementCount(1)]), new Trigger.AfterAll([new Trigger.ElementCount(1)]));
        Assert.NotEqual(new Trigger.AfterAll([new Trigger.ElementCount(1)]), new Trigger.AfterAll([new Trigger.ElementCount(2)]));
        Assert.NotEqual<Trigger>(new Trigger.AfterAll([new Trigger.Never()]), new Trigger.AfterAny([new Trigger.Never()]));
    }
}
