namespace BeamConformance.Conformance.Scenarios;

/// <summary>A declarative value → bool function (testdata/README.md, "Functions").</summary>
public abstract record Predicate
{
    private Predicate() { }

    /// <summary><c>{equals: V}</c>.</summary>
    /// <param name="Value">Inferred literal.</param>
    public sealed record EqualTo(object? Value) : Predicate;

    /// <summary><c>{less_than: N}</c>.</summary>
    /// <param name="Bound">A long or double.</param>
    public sealed record LessThan(object Bound) : Predicate;

    /// <summary><c>{greater_than: N}</c>.</summary>
    /// <param name="Bound">A long or double.</param>
    public sealed record GreaterThan(object Bound) : Predicate;

    /// <summary><c>{divisible_by: N}</c> (varint).</summary>
    /// <param name="Divisor">Positive divisor.</param>
    public sealed record DivisibleBy(long Divisor) : Predicate;

    /// <summary><c>{in: [V...]}</c>.</summary>
    /// <param name="Values">Inferred literals.</param>
    public sealed record In(IReadOnlyList<object?> Values) : Predicate;

    /// <summary><c>{starts_with: "s"}</c>.</summary>
    /// <param name="Prefix">The prefix.</param>
    public sealed record StartsWith(string Prefix) : Predicate;

    /// <summary><c>{key: PRED}</c>: on a kv's key.</summary>
    /// <param name="Inner">The predicate.</param>
    public sealed record OnKey(Predicate Inner) : Predicate;

    /// <summary><c>{value: PRED}</c>: on a kv's value.</summary>
    /// <param name="Inner">The predicate.</param>
    public sealed record OnValue(Predicate Inner) : Predicate;

    /// <summary><c>{not: PRED}</c>.</summary>
    /// <param name="Inner">The negated predicate.</param>
    public sealed record Not(Predicate Inner) : Predicate;

    /// <summary><c>{all: [PRED...]}</c>.</summary>
    /// <param name="Predicates">All must hold.</param>
    public sealed record All(IReadOnlyList<Predicate> Predicates) : Predicate;

    /// <summary><c>{any: [PRED...]}</c>.</summary>
    /// <param name="Predicates">One must hold.</param>
    public sealed record Any(IReadOnlyList<Predicate> Predicates) : Predicate;

    /// <summary><c>{const: bool}</c>.</summary>
    /// <param name="Result">The constant result.</param>
    public sealed record Const(bool Result) : Predicate;
}
