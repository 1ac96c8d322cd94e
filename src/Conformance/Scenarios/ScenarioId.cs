namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// A scenario's id, <c>&lt;area&gt;/&lt;behaviour&gt;</c>: the file's path under <c>testdata/scenarios/</c>
/// without <c>.yaml</c> (format version 1, testdata/README.md).
/// </summary>
/// <param name="Value">The id text, e.g. <c>groupbykey/fixed_windows</c>.</param>
public readonly record struct ScenarioId(string Value) : IComparable<ScenarioId>
{
    /// <summary>The area: the part before the first <c>/</c> (the whole id when there is none).</summary>
    public string Area => Value.IndexOf('/', StringComparison.Ordinal) is var i and >= 0 ? Value[..i] : Value;

    /// <inheritdoc />
    public int CompareTo(ScenarioId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
