namespace BeamConformance.Robustness.Tests;

/// <summary>
/// One generated case: the suite's seed and the case's index name it, so a failure can be replayed with
/// <c>BEAM_FUZZ_SEED=seed</c>. The seed is fixed by default (CI runs the same cases every time); <c>BEAM_FUZZ_SEED=random</c>
/// picks one, and <c>BEAM_FUZZ_SCALE=N</c> runs N times as many cases (the long soak).
/// </summary>
/// <param name="Suite">The fuzz test's name.</param>
/// <param name="Seed">The suite's seed.</param>
/// <param name="Index">The case's index within the suite.</param>
/// <param name="What">What the case sends.</param>
public sealed record FuzzCase(string Suite, int Seed, int Index, string What)
{
    /// <summary>The seed of this run: <c>BEAM_FUZZ_SEED</c> (a number, or <c>random</c>), default 12.</summary>
    public static int RunSeed { get; } = Environment.GetEnvironmentVariable("BEAM_FUZZ_SEED") switch
    {
        null or "" => 12,
        "random" => Random.Shared.Next(),
        var text => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>How many times the CI case counts to run: <c>BEAM_FUZZ_SCALE</c>, default 1.</summary>
    public static int Scale { get; } = int.TryParse(Environment.GetEnvironmentVariable("BEAM_FUZZ_SCALE"), out var scale) && scale > 0 ? scale : 1;

    /// <summary>A generator for case <paramref name="index"/> of <paramref name="suite"/>, independent of the other cases.</summary>
    public static Random RandomFor(string suite, int index) => new(unchecked((RunSeed * 1_000_003) + (index * 7919) + StableHash(suite)));

    /// <inheritdoc />
    public override string ToString() => $"fuzz case {Suite} #{Index} (BEAM_FUZZ_SEED={Seed}): {What}";

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
