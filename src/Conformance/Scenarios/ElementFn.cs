namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// A declarative value → value function of the closed vocabulary (testdata/README.md, "Functions").
/// Numbers are <see cref="long"/> when written as integers, else <see cref="double"/>.
/// </summary>
public abstract record ElementFn
{
    private ElementFn() { }

    /// <summary><c>{add: N}</c>.</summary>
    /// <param name="Operand">A long or double.</param>
    public sealed record Add(object Operand) : ElementFn;

    /// <summary><c>{multiply: N}</c>.</summary>
    /// <param name="Operand">A long or double.</param>
    public sealed record Multiply(object Operand) : ElementFn;

    /// <summary><c>{mod: N}</c>: remainder with the sign of the dividend (varint).</summary>
    /// <param name="Divisor">Non-zero divisor.</param>
    public sealed record Mod(long Divisor) : ElementFn;

    /// <summary><c>{concat: "s"}</c>: appends to a string.</summary>
    /// <param name="Suffix">Appended text.</param>
    public sealed record Concat(string Suffix) : ElementFn;

    /// <summary><c>{prefix: "s"}</c>: prepends to a string.</summary>
    /// <param name="Text">Prepended text.</param>
    public sealed record Prefix(string Text) : ElementFn;

    /// <summary><c>{to_string: {}}</c>: invariant decimal text (double: shortest round-trip).</summary>
    public sealed record ToText : ElementFn;

    /// <summary><c>{size: {}}</c>: number of items of an iterable.</summary>
    public sealed record Size : ElementFn;

    /// <summary><c>{constant: V}</c>.</summary>
    /// <param name="Literal">The constant (inferred literal).</param>
    public sealed record Constant(object? Literal) : ElementFn;

    /// <summary><c>{identity: {}}</c>.</summary>
    public sealed record Identity : ElementFn;

    /// <summary><c>{key: {}}</c>: the key of a kv.</summary>
    public sealed record Key : ElementFn;

    /// <summary><c>{value: {}}</c>: the value of a kv.</summary>
    public sealed record Value : ElementFn;

    /// <summary><c>{kv: {key: FN, value: FN}}</c>: builds a kv from one value.</summary>
    /// <param name="KeyFn">Computes the key.</param>
    /// <param name="ValueFn">Computes the value.</param>
    public sealed record MakeKV(ElementFn KeyFn, ElementFn ValueFn) : ElementFn;

    /// <summary><c>{map_values: FN}</c>: applies FN to a kv's value.</summary>
    /// <param name="Fn">The function.</param>
    public sealed record MapValues(ElementFn Fn) : ElementFn;

    /// <summary><c>{chain: [FN...]}</c>: applies each in order.</summary>
    /// <param name="Fns">The functions.</param>
    public sealed record Chain(IReadOnlyList<ElementFn> Fns) : ElementFn;
}
