using System.Text;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Protos.Adapters;
using Google.Protobuf;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// The coders of one job: the pipeline's coders plus the ones translation adds (length-prefix wrappers,
/// windowed value coders of the data ports, lifted-combine and GroupByKey output coders). Added coders get
/// fresh ids and are shared: the same structure always gets the same id.
/// </summary>
/// <remarks>
/// "Runner-safe" rewriting: the runner must find where every element, key and value ends. Coders whose
/// encodings it can measure pass as they are (bytes, string_utf8, varint, double, bool, global_window,
/// interval_window, length_prefix); KV, iterable and nullable are rebuilt over runner-safe components; every
/// other coder (row, SDK-specific coders) is wrapped in <c>beam:coder:length_prefix:v1</c>.
/// </remarks>
internal sealed class CoderTable
{
    private static readonly HashSet<string> MeasurableLeaves =
    [
        Urns.Coders.Bytes, Urns.Coders.StringUtf8, Urns.Coders.VarInt, Urns.Coders.Double, Urns.Coders.Bool,
        Urns.Coders.GlobalWindow, Urns.Coders.IntervalWindow, Urns.Coders.LengthPrefix,
    ];

    private static readonly HashSet<string> TransparentComposites = [Urns.Coders.Kv, Urns.Coders.Iterable, Urns.Coders.Nullable];

    // The longest component list an added coder's id spells out.
    private const int MaxNamedComponents = 200;

    private readonly Dictionary<string, Proto.Coder> _coders;
    private readonly Dictionary<string, string> _addedByShape = [];
    private readonly Dictionary<string, string> _safe = [];
    private readonly Dictionary<string, int> _shapeOf = [];
    private readonly Dictionary<string, int> _structures = [];
    private readonly CoderRegistry _registry;

    public CoderTable(IEnumerable<KeyValuePair<string, Proto.Coder>> pipelineCoders)
    {
        _coders = pipelineCoders.ToDictionary(static c => c.Key, static c => c.Value);
        _registry = _coders.CreateCoderRegistry("the pipeline's components");
    }

    /// <summary>Every coder: the pipeline's and the added ones.</summary>
    public IReadOnlyDictionary<string, Proto.Coder> All => _coders;

    public bool Contains(string coderId) => _coders.ContainsKey(coderId);

    public Proto.Coder this[string coderId] => _coders.TryGetValue(coderId, out var coder)
        ? coder
        : throw new KeyNotFoundException($"coder '{coderId}' is not in the pipeline's components");

    public string UrnOf(string coderId) => this[coderId].Spec?.Urn ?? "";

    /// <summary>The runner-safe version of <paramref name="coderId"/> (itself when nothing needs wrapping).</summary>
    public string RunnerSafe(string coderId) => RunnerSafe(coderId, []);

    public string Kv(string keyCoderId, string valueCoderId) => Add(Urns.Coders.Kv, keyCoderId, valueCoderId);

    /// <summary>A <c>beam:coder:double:v1</c> (a splittable DoFn's restriction size).</summary>
    public string Double() => Add(Urns.Coders.Double);

    public string Iterable(string elementCoderId) => Add(Urns.Coders.Iterable, elementCoderId);

    public string WindowedValue(string elementCoderId, string windowCoderId) => Add(Urns.Coders.WindowedValue, elementCoderId, windowCoderId);

    /// <summary>The Model coder of <paramref name="coderId"/> (bridged by <see cref="CoderProtoAdapter"/>).</summary>
    /// <exception cref="CoderException">The coder or a component is invalid (a coder without a spec URN too).</exception>
    /// <exception cref="KeyNotFoundException">A component id names no coder.</exception>
    public Coder ModelCoder(string coderId) => _registry.Get(coderId);

    /// <summary>A string equal for two coder ids exactly when their encodings are the same (same URNs, payloads, structure).</summary>
    /// <remarks>
    /// Each distinct structure gets a number, memoized per coder id, so a coder whose components are shared (a DAG with
    /// exponentially many paths, which a pipeline may hold) costs one visit per coder, not one per path.
    /// </remarks>
    public string Shape(string coderId) => ShapeNumber(coderId, 0).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private int ShapeNumber(string coderId, int depth)
    {
        if (_shapeOf.TryGetValue(coderId, out var known))
        {
            return known;
        }

        if (depth >= PipelineLimits.MaxCoderDepth)
        {
            throw new InvalidOperationException($"coder '{coderId}': component coders nest deeper than the limit of {PipelineLimits.MaxCoderDepth} levels (a cycle?)");
        }

        var coder = this[coderId];
        var text = new StringBuilder();
        text.Append(coder.Spec?.Urn).Append('[').Append((coder.Spec?.Payload ?? ByteString.Empty).ToBase64()).Append("](");
        foreach (var component in coder.ComponentCoderIds)
        {
            text.Append(ShapeNumber(component, depth + 1)).Append(',');
        }

        text.Append(')');
        var structure = text.ToString();
        if (!_structures.TryGetValue(structure, out var number))
        {
            number = _structures.Count;
            _structures[structure] = number;
        }

        _shapeOf[coderId] = number;
        return number;
    }

    private string RunnerSafe(string coderId, HashSet<string> inProgress)
    {
        if (_safe.TryGetValue(coderId, out var known))
        {
            return known;
        }

        if (inProgress.Count >= PipelineLimits.MaxCoderDepth)
        {
            throw new InvalidOperationException($"coder '{coderId}': component coders nest deeper than the limit of {PipelineLimits.MaxCoderDepth} levels");
        }

        if (!inProgress.Add(coderId))
        {
            throw new InvalidOperationException($"coder '{coderId}' is its own component (a cycle)");
        }

        var coder = this[coderId];
        var urn = coder.Spec?.Urn ?? "";
        string safe;
        if (MeasurableLeaves.Contains(urn))
        {
            safe = coderId;
        }
        else if (TransparentComposites.Contains(urn))
        {
            var components = coder.ComponentCoderIds.Select(c => RunnerSafe(c, inProgress)).ToArray();
            safe = components.SequenceEqual(coder.ComponentCoderIds)
                ? coderId
                : Add(urn, coder.Spec?.Payload ?? ByteString.Empty, components);
        }
        else
        {
            safe = Add(Urns.Coders.LengthPrefix, coderId);
        }

        inProgress.Remove(coderId);
        _safe[coderId] = safe;
        _safe.TryAdd(safe, safe);
        return safe;
    }

    private string Add(string urn, params string[] components) => Add(urn, ByteString.Empty, components);

    private string Add(string urn, ByteString payload, string[] components)
    {
        var shape = urn + "|" + payload.ToBase64() + "|" + string.Join('|', components);
        if (_addedByShape.TryGetValue(shape, out var existing))
        {
            return existing;
        }

        // The id names the components while that stays short: a name built from the components' names would double at
        // every level of a coder whose components are shared (kv<c, c> over kv<c', c'> ...).
        var inner = string.Join(",", components);
        var stem = "rr:" + urn.Replace(BeamNames.Prefixes.Coder, "", StringComparison.Ordinal).Replace(":v1", "", StringComparison.Ordinal)
            + (inner.Length <= MaxNamedComponents ? "(" + inner + ")" : "");
        var id = stem;
        for (var n = 2; _coders.ContainsKey(id); n++)
        {
            id = stem + "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _coders[id] = new CoderSpec(urn, payload.Memory, components).ToProto();
        _addedByShape[shape] = id;
        return id;
    }
}
