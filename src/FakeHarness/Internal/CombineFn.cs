using System.Text.Json;
using BeamConformance.FakeHarness.Internal.Functions;
using BeamConformance.Model;
using BeamConformance.Model.Coders;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// The standard combine fns of testdata/README.md with the accumulators of the wire contract: sum (accumulator =
/// the input type, long or double), count (long), min and max (a list of 0 or 1 items), mean (KV(double sum, long
/// count); NaN when empty), to_list (list). Accumulators are values shaped for the accumulator coder.
/// </summary>
internal sealed class CombineFn
{
    private readonly bool _doubleSum;

    private CombineFn(string name, bool doubleSum)
    {
        Name = name;
        _doubleSum = doubleSum;
    }

    public string Name { get; }

    /// <param name="payload">The JSON <c>{"fn": "sum", ...}</c>.</param>
    /// <param name="accumulatorCoder">The accumulator coder (decides long or double for sum), or null.</param>
    /// <param name="inputCoder">The input value coder, or null.</param>
    /// <param name="where">For errors.</param>
    /// <exception cref="HarnessException">Unknown fn.</exception>
    public static CombineFn Parse(JsonElement payload, Coder? accumulatorCoder, Coder? inputCoder, string where)
    {
        var name = Union.String(Union.Property(payload, "fn", where), where + ".fn");
        if (name is not ("sum" or "count" or "min" or "max" or "mean" or "to_list"))
        {
            throw new HarnessException($"{where}: unknown combine fn '{name}'");
        }

        var numeric = DescriptorCoders.Logical(accumulatorCoder ?? inputCoder ?? VarIntCoder.Instance);
        if (name != "sum" && inputCoder is not null)
        {
            numeric = DescriptorCoders.Logical(inputCoder);
        }

        return new CombineFn(name, numeric is DoubleCoder);
    }

    public object? CreateAccumulator() => Name switch
    {
        "sum" => _doubleSum ? 0.0 : 0L,
        "count" => 0L,
        "mean" => new KV(0.0, 0L),
        _ => Array.Empty<object?>(),
    };

    /// <exception cref="HarnessException">An input of the wrong type.</exception>
    public object? AddInput(object? accumulator, object? input) => Name switch
    {
        "sum" => Add(accumulator, input),
        "count" => (long)accumulator! + 1,
        "mean" => accumulator is KV { Key: double sum, Value: long count }
            ? new KV(sum + ToDouble(input), count + 1)
            : throw Bad(accumulator),
        "min" or "max" => Extreme(accumulator, [input]),
        _ => ((IEnumerable<object?>)accumulator!).Append(input).ToArray(),
    };

    /// <exception cref="HarnessException">An accumulator of the wrong type.</exception>
    public object? Merge(IEnumerable<object?> accumulators)
    {
        var merged = CreateAccumulator();
        foreach (var accumulator in accumulators)
        {
            merged = Name switch
            {
                "sum" => Add(merged, accumulator),
                "count" => (long)merged! + (accumulator as long? ?? throw Bad(accumulator)),
                "mean" => (merged, accumulator) is (KV { Key: double s1, Value: long c1 }, KV { Key: double s2, Value: long c2 })
                    ? new KV(s1 + s2, c1 + c2)
                    : throw Bad(accumulator),
                "min" or "max" => Extreme(merged, accumulator as IEnumerable<object?> ?? throw Bad(accumulator)),
                _ => ((IEnumerable<object?>)merged!).Concat(accumulator as IEnumerable<object?> ?? throw Bad(accumulator)).ToArray(),
            };
        }

        return merged;
    }

    /// <summary>The output for an accumulator; false when there is none (min or max of nothing).</summary>
    public bool TryExtract(object? accumulator, out object? output)
    {
        switch (Name)
        {
            case "mean":
                output = accumulator is KV { Key: double sum, Value: long count } ? (count == 0 ? double.NaN : sum / count) : throw Bad(accumulator);
                return true;
            case "min" or "max":
                var items = (accumulator as IEnumerable<object?> ?? throw Bad(accumulator)).ToArray();
                output = items.Length > 0 ? items[0] : null;
                return items.Length > 0;
            default:
                output = accumulator;
                return true;
        }
    }

    private object Add(object? a, object? b) => (a, b) switch
    {
        (long x, long y) when !_doubleSum => checked(x + y),
        _ => ToDouble(a) + ToDouble(b),
    };

    private object?[] Extreme(object? accumulator, IEnumerable<object?> candidates)
    {
        var current = (accumulator as IEnumerable<object?> ?? throw Bad(accumulator)).ToArray();
        var best = current.Length > 0 ? current[0] : null;
        var has = current.Length > 0;
        foreach (var candidate in candidates)
        {
            if (!has)
            {
                best = candidate;
                has = true;
                continue;
            }

            var order = ValueCompare.Compare(candidate, best) ?? throw new HarnessException($"combine fn '{Name}': cannot compare {JsonValues.Format(candidate)} with {JsonValues.Format(best)}");
            if ((Name == "min" && order < 0) || (Name == "max" && order > 0))
            {
                best = candidate;
            }
        }

        return has ? [best] : [];
    }

    private double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        _ => throw Bad(value),
    };

    private HarnessException Bad(object? value) => new($"combine fn '{Name}': unexpected value {JsonValues.Format(value)}");
}
