using System.Globalization;

namespace BeamConformance.ReferenceRunner.Execution;

/// <summary>
/// Which runner-initiated channel splits the ReferenceRunner asks of every SDK bundle (the command line's
/// <c>--split-mode</c>; <see cref="ExecutionOptions.SplitMode"/>). Except for <see cref="OnStalledProgress"/>, a split
/// is asked once per bundle of two or more elements on its single data input, right after the ProcessBundleRequest
/// and before any data, with
/// <c>allowed_split_points</c> 1 .. n-1 so that both the primary and the residual hold at least one element; the
/// residual's elements go back to the stage's input and are split again in their own bundle.
/// </summary>
public abstract record SplitMode
{
    private SplitMode()
    {
    }

    /// <summary>No splits (the default).</summary>
    public static SplitMode None { get; } = new NoSplits();

    /// <summary>Every bundle at <c>fraction_of_remainder</c> = <see cref="Fraction.Value"/>.</summary>
    /// <param name="Value">The fraction, in [0, 1].</param>
    public sealed record Fraction(double Value) : SplitMode;

    /// <summary>Every bundle at a fraction drawn from a generator seeded with <see cref="Seed"/> and the bundle's id, so
    /// the same pipeline gets the same fractions on every run.</summary>
    /// <param name="Seed">The seed.</param>
    public sealed record Random(int Seed) : SplitMode;

    /// <summary>Every bundle at fraction 0: each bundle processes one element and returns the rest (every element
    /// boundary becomes a split).</summary>
    public sealed record EveryElement : SplitMode;

    /// <summary>
    /// Prism's policy (<c>sdks/go/pkg/beam/runners/prism/internal/stage.go</c>, the progress loop of a bundle): while a
    /// bundle runs, ask its progress every 100 ms; when two answers in a row report the same read index of the data
    /// input (<c>beam:metric:data_channel:read_index:v1</c>), the bundle is stalled: ask one split at fraction 0.5 of the
    /// remainder, and after an answer without a split ask no more for that bundle.
    /// </summary>
    public sealed record OnStalledProgress : SplitMode;

    /// <summary>The fraction of remainder to ask for bundle <paramref name="bundleId"/>; null for <see cref="None"/>.</summary>
    public double? FractionFor(long bundleId) => this switch
    {
        Fraction f => f.Value,
        Random r => new System.Random(unchecked((r.Seed * 1_000_003) + (int)bundleId)).NextDouble(),
        EveryElement => 0.0,
        _ => null,
    };

    /// <summary>Parses <c>none</c>, <c>fraction:F</c> (0 ≤ F ≤ 1), <c>random:SEED</c> (an int), <c>every-element</c> or <c>progress</c>.</summary>
    /// <exception cref="FormatException">Anything else, naming the value.</exception>
    public static SplitMode Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Trim().Split(':', 2);
        return parts[0] switch
        {
            "none" when parts.Length == 1 => None,
            "every-element" when parts.Length == 1 => new EveryElement(),
            "progress" when parts.Length == 1 => new OnStalledProgress(),
            "fraction" when parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f is >= 0 and <= 1 => new Fraction(f),
            "random" when parts.Length == 2 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) => new Random(seed),
            _ => throw new FormatException($"split mode '{value}' is not one of none, fraction:F (0 <= F <= 1), random:SEED (an integer), every-element, progress"),
        };
    }

    /// <summary>The command-line form (<c>none</c>, <c>fraction:0.5</c>, <c>random:7</c>, <c>every-element</c>, <c>progress</c>).</summary>
    public sealed override string ToString() => this switch
    {
        Fraction f => "fraction:" + f.Value.ToString(CultureInfo.InvariantCulture),
        Random r => "random:" + r.Seed.ToString(CultureInfo.InvariantCulture),
        EveryElement => "every-element",
        OnStalledProgress => "progress",
        _ => "none",
    };

    private sealed record NoSplits : SplitMode;
}
