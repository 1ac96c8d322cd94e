using BeamConformance.Model;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// The splittable DoFn expansion: a ParDo whose <c>ParDoPayload.restriction_coder_id</c> is set becomes
/// PairWithRestriction (<c>beam:transform:sdf_pair_with_restriction:v1</c>, element → <c>KV&lt;element, restriction&gt;</c>)
/// → SplitAndSize (<c>beam:transform:sdf_split_and_size_restrictions:v1</c>, → <c>KV&lt;KV&lt;element, restriction&gt;, double size&gt;</c>)
/// → Process (<c>beam:transform:sdf_process_sized_element_and_restrictions:v1</c>, the ParDo's own outputs). Each part
/// carries the original ParDoPayload and environment; the side inputs stay on each part, the main input is replaced.
/// A drained job (<see cref="PipelineGraph.Drain"/>) gets TruncateAndSize
/// (<c>beam:transform:sdf_truncate_sized_restrictions:v1</c>, sized → sized, PCollection <c>&lt;input&gt;/truncated</c>)
/// between SplitAndSize and Process, as Python's <c>expand_sdf</c> adds it when draining.
/// </summary>
/// <remarks>
/// Beam sources (facts only): Python <c>fn_api_runner/translations.py</c> <c>expand_sdf</c> (the three parts, their
/// coders and the unique names <c>/PairWithRestriction</c>, <c>/SplitAndSizeRestriction</c>, <c>/Process</c>),
/// <c>beam_runner_api.proto</c> (the SDF component URNs: the restriction coder is the SDK's
/// <c>KV&lt;restriction, watermark-estimator state&gt;</c> coder, as Java's <c>ParDoTranslation</c> registers it).
/// The restriction coder is used as the SDK declared it: the "restriction" of these KVs is that KV.
/// The sized PCollection crosses a stage boundary (Process starts its own stage, so that element splits address it):
/// its coder is built over the runner-safe element and restriction coders, as Python's FnApiRunner length-prefixes
/// the coders of PCollections read over a data port in place. The SDK then encodes residual roots exactly as the
/// runner sends elements.
/// </remarks>
internal static class SplittableExpander
{
    /// <summary>The parts of the expansion, or the problems that refuse it (all of them at once).</summary>
    public static List<(string Id, Proto.PTransform Transform)> Expand(
        PipelineGraph graph, string id, Proto.PTransform transform, Proto.ParDoPayload payload, List<ValidationProblem> problems)
    {
        var parts = new List<(string Id, Proto.PTransform Transform)>();
        var components = graph.Components;
        var before = problems.Count;
        if (!components.Coders.ContainsKey(payload.RestrictionCoderId))
        {
            problems.Add(new(id, "splittable DoFn", payload.RestrictionCoderId,
                $"ParDoPayload.restriction_coder_id names coder '{payload.RestrictionCoderId}', which is not in the pipeline's coders"));
        }

        foreach (var stateId in payload.StateSpecs.Keys.Order(StringComparer.Ordinal))
        {
            problems.Add(new(id, "splittable DoFn", stateId, $"a splittable DoFn with user state ('{stateId}') is not supported"));
        }

        foreach (var timerId in payload.TimerFamilySpecs.Keys.Order(StringComparer.Ordinal))
        {
            problems.Add(new(id, "splittable DoFn", timerId, $"a splittable DoFn with timers ('{timerId}') is not supported"));
        }

        var mains = transform.Inputs.Where(i => !payload.SideInputs.ContainsKey(i.Key)).ToList();
        if (mains.Count != 1)
        {
            problems.Add(new(id, "splittable DoFn", string.Join(", ", mains.Select(static m => m.Key)),
                $"a splittable DoFn reads exactly one main input; it has {mains.Count}"));
        }
        else if (!components.Pcollections.ContainsKey(mains[0].Value))
        {
            return parts; // PipelineGraph reports the dangling reference of the leaf added instead.
        }

        if (problems.Count > before)
        {
            return parts;
        }

        var (mainLocal, mainId) = (mains[0].Key, mains[0].Value);
        var input = components.Pcollections[mainId];
        if (!graph.Coders.Contains(input.CoderId))
        {
            return parts; // The dangling coder is reported on the leaf added instead.
        }

        string paired, sized;
        try
        {
            paired = graph.Coders.Kv(input.CoderId, payload.RestrictionCoderId);
            sized = graph.Coders.Kv(graph.Coders.Kv(graph.Coders.RunnerSafe(input.CoderId), graph.Coders.RunnerSafe(payload.RestrictionCoderId)), graph.Coders.Double());
        }
        catch (InvalidOperationException e)
        {
            problems.Add(new(id, "splittable DoFn", payload.RestrictionCoderId, "the element or restriction coder cannot be framed: " + e.Message));
            return parts;
        }

        foreach (var (coderId, coder) in graph.Coders.All.Where(c => !components.Coders.ContainsKey(c.Key)).ToList())
        {
            components.Coders[coderId] = coder;
        }

        var pairedId = ComponentIds.AddPCollection(components, mainId + "/paired", paired, input.WindowingStrategyId, input.IsBounded);
        var sizedId = ComponentIds.AddPCollection(components, mainId + "/sized", sized, input.WindowingStrategyId, input.IsBounded);
        Add("/PairWithRestriction", Urns.Transforms.PairWithRestriction, mainId, new() { ["out"] = pairedId });
        Add("/SplitAndSizeRestriction", Urns.Transforms.SplitAndSizeRestrictions, pairedId, new() { ["out"] = sizedId });
        if (graph.Drain)
        {
            var truncatedId = ComponentIds.AddPCollection(components, mainId + "/truncated", sized, input.WindowingStrategyId, input.IsBounded);
            Add("/TruncateAndSizeRestriction", Urns.Transforms.TruncateSizedRestrictions, sizedId, new() { ["out"] = truncatedId });
            sizedId = truncatedId;
        }

        Add("/Process", Urns.Transforms.ProcessSizedElementsAndRestrictions, sizedId, transform.Outputs.ToDictionary());
        return parts;

        void Add(string suffix, string urn, string main, Dictionary<string, string> outputs)
        {
            var part = new Proto.PTransform
            {
                UniqueName = transform.UniqueName + suffix,
                Spec = new Proto.FunctionSpec { Urn = urn, Payload = transform.Spec.Payload },
                EnvironmentId = transform.EnvironmentId,
            };
            part.Inputs.Add(transform.Inputs);
            part.Inputs[mainLocal] = main;
            part.Outputs.Add(outputs);
            part.Annotations.Add(transform.Annotations);
            var partId = ComponentIds.Fresh(components.Transforms, id + suffix);
            components.Transforms[partId] = part;
            parts.Add((partId, part));
        }
    }
}
