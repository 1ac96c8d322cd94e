using BeamConformance.ReferenceRunner.Execution;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

/// <summary>The <c>--split-mode</c> grammar: each row a value a user types and what it means.</summary>
public sealed class SplitModeTests
{
    [Theory]
    // Prism's policy: no fraction before the data, a split on stalled progress.
    [InlineData("progress", "progress", null)]
    [InlineData(" progress ", "progress", null)]
    [InlineData("every-element", "every-element", 0.0)]
    [InlineData("fraction:0.25", "fraction:0.25", 0.25)]
    [InlineData("none", "none", null)]
    public void Parses_and_prints_back(string text, string printed, double? fraction)
    {
        var mode = SplitMode.Parse(text);

        Assert.Equal(printed, mode.ToString());
        Assert.Equal(fraction, mode.FractionFor(1));
    }

    [Theory]
    [InlineData("progress:1")]
    [InlineData("stalled")]
    public void Refuses_anything_else_naming_it_and_listing_the_modes(string text)
    {
        var error = Assert.Throws<FormatException>(() => SplitMode.Parse(text));

        Assert.Equal($"split mode '{text}' is not one of none, fraction:F (0 <= F <= 1), random:SEED (an integer), every-element, progress", error.Message);
    }
}
