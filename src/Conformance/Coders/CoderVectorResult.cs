namespace BeamConformance.Conformance.Coders;

/// <summary>The outcome of one example in one context.</summary>
/// <param name="Source">The file (or other source name).</param>
/// <param name="Line">1-based line of the example.</param>
/// <param name="Coder">The coder, as URN(components).</param>
/// <param name="Nested">The context checked.</param>
/// <param name="EncodedHex">The example's bytes, as hex.</param>
/// <param name="Failure">Why it failed, or null when it passed.</param>
public sealed record CoderVectorResult(string Source, int Line, string Coder, bool Nested, string EncodedHex, string? Failure)
{
    /// <summary>True when decoding (and, for deterministic coders, encoding) matched.</summary>
    public bool Passed => Failure is null;

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Passed ? "PASS" : "FAIL")} {Source}:{Line} {Coder} {(Nested ? "nested" : "outer")} [{EncodedHex}]{(Passed ? "" : ": " + Failure)}";
}
