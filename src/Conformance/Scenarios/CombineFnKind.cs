namespace BeamConformance.Conformance.Scenarios;

/// <summary>The standard combine fns a scenario may name (testdata/README.md, "Transforms").</summary>
public enum CombineFnKind
{
    /// <summary>Sum of varints or doubles; empty → 0.</summary>
    Sum,

    /// <summary>Number of inputs (varint); empty → 0.</summary>
    Count,

    /// <summary>Smallest input; empty → no output.</summary>
    Min,

    /// <summary>Largest input; empty → no output.</summary>
    Max,

    /// <summary>Arithmetic mean as double; empty → NaN.</summary>
    Mean,

    /// <summary>All inputs as an iterable (order unspecified); empty → [].</summary>
    ToList,
}
