using System.Text;
using BeamConformance.Model;
using BeamConformance.Model.Coders;

namespace BeamConformance.FakeHarness.Internal.Functions;

/// <summary>
/// Shapes a natural value (from JSON or a function) into what a coder encodes: varint → <see cref="long"/>,
/// double → <see cref="double"/> (".nan", ".inf", "-.inf" strings accepted), string_utf8 → <see cref="string"/>,
/// bytes and custom coders → <see cref="byte"/>[] (a string becomes its UTF-8 bytes), bool, kv → <see cref="KV"/>
/// (from a KV or a two-item list), iterable → <see cref="object"/>[].
/// </summary>
internal static class ValueShapes
{
    /// <exception cref="HarnessException">The value cannot take the coder's shape.</exception>
    public static object? Shape(object? value, Coder coder, string where)
    {
        coder = DescriptorCoders.Logical(coder);
        switch (coder)
        {
            case VarIntCoder:
                // A long is returned as it is (already boxed): no new box per element.
                return value switch
                {
                    long => value,
                    double d when d == Math.Floor(d) && !double.IsInfinity(d) => (long)d,
                    _ => throw Mismatch(value, coder, where),
                };
            case DoubleCoder:
                return value switch
                {
                    double d => d,
                    long l => (double)l,
                    ".nan" => double.NaN,
                    ".inf" => double.PositiveInfinity,
                    "-.inf" => double.NegativeInfinity,
                    _ => throw Mismatch(value, coder, where),
                };
            case StringUtf8Coder:
                return value as string ?? throw Mismatch(value, coder, where);
            case BoolCoder:
                return value as bool? ?? throw Mismatch(value, coder, where);
            case BytesCoder or CustomBytesCoder or OpaqueCoder:
                return value switch
                {
                    byte[] b => b,
                    string s => Encoding.UTF8.GetBytes(s),
                    _ => throw Mismatch(value, coder, where),
                };
            case KvCoder kv:
                return value switch
                {
                    KV pair => new KV(Shape(pair.Key, kv.KeyCoder, where), Shape(pair.Value, kv.ValueCoder, where)),
                    IReadOnlyList<object?> { Count: 2 } list when value is not string => new KV(Shape(list[0], kv.KeyCoder, where), Shape(list[1], kv.ValueCoder, where)),
                    _ => throw Mismatch(value, coder, where),
                };
            case IterableCoder iterable:
                return value is IEnumerable<object?> items
                    ? ShapeAll(items, iterable.ElementCoder, where)
                    : throw Mismatch(value, coder, where);
            case StateBackedIterableCoder iterable:
                return value is IEnumerable<object?> elements
                    ? ShapeAll(elements, iterable.ElementCoder, where)
                    : throw Mismatch(value, coder, where);
            case NullableCoder nullable:
                return value is null ? null : Shape(value, nullable.ValueCoder, where);
            default:
                return value;
        }
    }

    // Kept out of Shape: a lambda capturing Shape's parameters would make every call (every element) allocate its closure.
    private static object?[] ShapeAll(IEnumerable<object?> items, Coder elementCoder, string where) =>
        items.Select(i => Shape(i, elementCoder, where)).ToArray();

    private static HarnessException Mismatch(object? value, Coder coder, string where) =>
        new($"{where}: the value {JsonValues.Format(value)} does not fit coder {coder.Urn}");
}
