using BeamConformance.Engine;
using BeamConformance.Model.Coders;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// The wire coding of every PCollection the runner handles. A PCollection written by a stage (or an Impulse, or
/// a Flatten) is encoded by the runner-safe version of its own coder and of its window coder, unless its producer's
/// family says otherwise (<see cref="Preparers.LeafPreparer.OutputCoderIds"/>): a GroupByKey's output is
/// <c>KV&lt;K, Iterable&lt;V&gt;&gt;</c> over its input's runner-safe key and value coders (exactly the bytes the
/// engine builds); a Reshuffle's output keeps its input's coding (the bytes pass through).
/// </summary>
internal sealed class WireCodings(PipelineGraph graph)
{
    private readonly Dictionary<string, (string Element, string Window)> _ids = [];
    private readonly Dictionary<string, string> _aliases = [];
    private readonly Dictionary<string, WireCoding> _codings = [];

    /// <summary>The runner-safe element and window coder ids of a pipeline PCollection.</summary>
    public (string Element, string Window) Ids(string pcollection)
    {
        if (_aliases.TryGetValue(pcollection, out var target))
        {
            return Ids(target);
        }

        if (_ids.TryGetValue(pcollection, out var known))
        {
            return known;
        }

        var producer = graph.Producers[pcollection];
        var ids = producer.Preparer.OutputCoderIds(graph, this, producer)
            ?? (graph.Coders.RunnerSafe(graph.PCollection(pcollection).CoderId), graph.Coders.RunnerSafe(graph.WindowingOf(pcollection).WindowCoderId));

        _ids[pcollection] = ids;
        return ids;
    }

    /// <summary>Makes <paramref name="enginePCollection"/> use the coding of <paramref name="codingOf"/>.</summary>
    public void Alias(string enginePCollection, string codingOf) => _aliases[enginePCollection] = codingOf;

    public bool SameEncoding(string a, string b)
    {
        var (ae, aw) = Ids(a);
        var (be, bw) = Ids(b);
        return graph.Coders.Shape(ae) == graph.Coders.Shape(be) && graph.Coders.Shape(aw) == graph.Coders.Shape(bw);
    }

    /// <summary>The coding of an engine PCollection (registered as one the runner handles).</summary>
    public WireCoding Ensure(string enginePCollection)
    {
        if (_codings.TryGetValue(enginePCollection, out var coding))
        {
            return coding;
        }

        var (element, window) = Ids(enginePCollection);
        var windowedValueId = graph.Coders.WindowedValue(element, window);
        try
        {
            var model = (WindowedValueCoder)graph.Coders.ModelCoder(windowedValueId);
            var key = model.ValueCoder is KvCoder kvCoder ? kvCoder.KeyCoder : null;
            coding = new WireCoding(windowedValueId, model, key);
        }
        catch (CoderException e)
        {
            throw new PipelineTranslationException([new(enginePCollection, "coder", windowedValueId, "the runner cannot build the PCollection's wire coder: " + e.Message)]);
        }

        _codings[enginePCollection] = coding;
        return coding;
    }

    public Dictionary<PCollectionId, WireCoding> All() => _codings.ToDictionary(static c => new PCollectionId(c.Key), static c => c.Value);
}
