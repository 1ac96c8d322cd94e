namespace BeamConformance.Conformance.Scenarios;

/// <summary>An expected count: exact, at least, at most (any combination given).</summary>
/// <param name="Exactly">Exact count, or null.</param>
/// <param name="AtLeast">Lower bound, or null.</param>
/// <param name="AtMost">Upper bound, or null.</param>
public sealed record CountBound(long? Exactly, long? AtLeast, long? AtMost)
{
    /// <summary>Whether <paramref name="count"/> satisfies every bound given.</summary>
    public bool Accepts(long count) =>
        (Exactly is null || count == Exactly) && (AtLeast is null || count >= AtLeast) && (AtMost is null || count <= AtMost);

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", new[] { Exactly is { } e ? $"exactly {e}" : null, AtLeast is { } l ? $"at least {l}" : null, AtMost is { } m ? $"at most {m}" : null }
            .Where(s => s is not null));
}
