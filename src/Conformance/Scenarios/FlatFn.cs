namespace BeamConformance.Conformance.Scenarios;

/// <summary>A declarative value → 0..n values function (testdata/README.md, "Functions").</summary>
public abstract record FlatFn
{
    private FlatFn() { }

    /// <summary><c>{repeat: N}</c>: the element N times.</summary>
    /// <param name="Times">Count (≥ 0).</param>
    public sealed record Repeat(int Times) : FlatFn;

    /// <summary><c>{range: {}}</c>: varint n → 0..n−1.</summary>
    public sealed record Range : FlatFn;

    /// <summary><c>{split: " "}</c>: string parts, empty parts dropped.</summary>
    /// <param name="Separator">Non-empty separator.</param>
    public sealed record Split(string Separator) : FlatFn;

    /// <summary><c>{explode: {}}</c>: the items of an iterable.</summary>
    public sealed record Explode : FlatFn;

    /// <summary><c>{explode_values: {}}</c>: kv&lt;K, iterable&lt;V&gt;&gt; → kv&lt;K,V&gt; per item.</summary>
    public sealed record ExplodeValues : FlatFn;

    /// <summary><c>{each: [FN...]}</c>: one output per function.</summary>
    /// <param name="Fns">The functions, in output order.</param>
    public sealed record Each(IReadOnlyList<ElementFn> Fns) : FlatFn;

    /// <summary><c>{none: {}}</c>: no output.</summary>
    public sealed record Nothing : FlatFn;
}
