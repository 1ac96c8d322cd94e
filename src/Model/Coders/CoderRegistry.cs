using System.Collections.Concurrent;
using BeamConformance.Model.Schemas;

namespace BeamConformance.Model.Coders;

/// <summary>
/// Builds <see cref="Coder"/>s from a pipeline's coder table: <c>Get(coderId)</c> looks the id up with the
/// function given, builds its components first, and caches the result. A URN the model does not define becomes an
/// <see cref="OpaqueCoder"/> (its encoded bytes; usable nested only behind <c>beam:coder:length_prefix:v1</c>).
/// Thread-safe.
/// </summary>
public sealed class CoderRegistry
{
    private readonly Func<string, CoderSpec> _lookup;
    private readonly ConcurrentDictionary<string, Coder> _cache = new();

    /// <summary>Creates a registry over <paramref name="lookup"/> (coder id to spec; throw <see cref="KeyNotFoundException"/> for an unknown id).</summary>
    public CoderRegistry(Func<string, CoderSpec> lookup) => _lookup = lookup ?? throw new ArgumentNullException(nameof(lookup));

    /// <summary>The URNs this library can decode (all of <c>StandardCoders</c>).</summary>
    public static IReadOnlySet<string> KnownUrns { get; } = new HashSet<string>
    {
        Urns.Coders.Bytes, Urns.Coders.StringUtf8, Urns.Coders.Kv, Urns.Coders.Bool, Urns.Coders.VarInt,
        Urns.Coders.Double, Urns.Coders.Iterable, Urns.Coders.Timer, Urns.Coders.IntervalWindow,
        Urns.Coders.LengthPrefix, Urns.Coders.GlobalWindow, Urns.Coders.WindowedValue,
        Urns.Coders.ParamWindowedValue, Urns.Coders.StateBackedIterable, Urns.Coders.CustomWindow,
        Urns.Coders.Row, Urns.Coders.ShardedKey, Urns.Coders.Nullable,
    };

    /// <summary>True when <paramref name="urn"/> is a coder the runner can decode.</summary>
    public static bool IsKnown(string urn) => KnownUrns.Contains(urn);

    /// <summary>
    /// The deepest nesting of component coders <see cref="Get(string)"/> builds: 64 levels (Beam's real coders nest a
    /// handful deep). Checked before each level is built, so no coder table can exhaust the stack.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>The coder for <paramref name="coderId"/>.</summary>
    /// <exception cref="CoderException">A spec is invalid (wrong component count, bad payload), the coder graph has a cycle,
    /// or components nest deeper than <see cref="MaxDepth"/>.</exception>
    /// <exception cref="KeyNotFoundException">The lookup does not know an id.</exception>
    public Coder Get(string coderId) => Get(coderId, []);

    private Coder Get(string coderId, HashSet<string> inProgress)
    {
        if (_cache.TryGetValue(coderId, out var cached))
        {
            return cached;
        }

        if (inProgress.Count >= MaxDepth)
        {
            throw new CoderException(coderId, -1, $"component coders nest deeper than {MaxDepth} levels");
        }

        if (!inProgress.Add(coderId))
        {
            throw new CoderException(coderId, -1, "coder components form a cycle");
        }

        var spec = _lookup(coderId);
        var components = spec.ComponentCoderIds.Select(id => Get(id, inProgress)).ToArray();
        inProgress.Remove(coderId);
        return _cache.GetOrAdd(coderId, Build(spec, components));
    }

    /// <summary>Builds one coder from its spec and already-built components.</summary>
    /// <exception cref="CoderException">Wrong component count or invalid payload.</exception>
    public static Coder Build(CoderSpec spec, IReadOnlyList<Coder> components)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(components);
        var urn = spec.Urn;
        return urn switch
        {
            Urns.Coders.Bytes => Leaf(BytesCoder.Instance),
            Urns.Coders.StringUtf8 => Leaf(StringUtf8Coder.Instance),
            Urns.Coders.Bool => Leaf(BoolCoder.Instance),
            Urns.Coders.VarInt => Leaf(VarIntCoder.Instance),
            Urns.Coders.Double => Leaf(DoubleCoder.Instance),
            Urns.Coders.GlobalWindow => Leaf(GlobalWindowCoder.Instance),
            Urns.Coders.IntervalWindow => Leaf(IntervalWindowCoder.Instance),
            Urns.Coders.Kv => Need(2, () => new KvCoder(components[0], components[1])),
            Urns.Coders.Iterable => Need(1, () => new IterableCoder(components[0])),
            Urns.Coders.StateBackedIterable => Need(1, () => new StateBackedIterableCoder(components[0])),
            Urns.Coders.LengthPrefix => Need(1, () => new LengthPrefixCoder(components[0])),
            Urns.Coders.Nullable => Need(1, () => new NullableCoder(components[0])),
            Urns.Coders.ShardedKey => Need(1, () => new ShardedKeyCoder(components[0])),
            Urns.Coders.CustomWindow => Need(1, () => new CustomWindowCoder(components[0])),
            Urns.Coders.WindowedValue => Need(2, () => new WindowedValueCoder(components[0], components[1])),
            Urns.Coders.ParamWindowedValue => Need(2, () => new ParamWindowedValueCoder(components[0], components[1], spec.Payload.Span)),
            Urns.Coders.Timer => Need(2, () => new TimerCoder(components[0], components[1])),
            Urns.Coders.Row => Need(0, () => new RowCoder(ParseSchema(spec.Payload))),
            _ => new OpaqueCoder(urn, spec.Payload, components),
        };

        Coder Leaf(Coder coder) => Need(0, () => coder);

        Coder Need(int count, Func<Coder> create) =>
            components.Count == count
                ? create()
                : throw new CoderException(urn, -1, $"expects {count} component coder(s), got {components.Count}");
    }

    private static Schema ParseSchema(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return Schema.Parse(payload.Span);
        }
        catch (FormatException e)
        {
            throw new CoderException(Urns.Coders.Row, -1, "invalid Schema payload: " + e.Message, e);
        }
    }
}
