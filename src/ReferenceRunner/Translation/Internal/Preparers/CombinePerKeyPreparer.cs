using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// <c>beam:transform:combine_per_key:v1</c>: lifted into PreCombine (SDK) → GroupByKey (runner) →
/// MergeAccumulators → ExtractOutputs (SDK) when <see cref="CombineLifter"/> allows it; otherwise its
/// subtransforms run. A CombinePerKey with neither is refused.
/// </summary>
internal sealed class CombinePerKeyPreparer : TransformPreparer
{
    /// <inheritdoc />
    public override string Family => "CombinePerKey";

    /// <inheritdoc />
    public override IReadOnlyList<string> Urns { get; } = [Model.Urns.Transforms.CombinePerKey];

    /// <inheritdoc />
    public override bool ReplacesSubtransforms(string urn) => true;

    /// <inheritdoc />
    public override void Expand(PipelineGraph graph, string id, Proto.PTransform transform, int depth)
    {
        if (CombineLifter.TryLift(graph, id, transform, out var lifted, out var reason))
        {
            foreach (var (partId, part) in lifted)
            {
                graph.AddLeaf(partId, part, TransformPreparers.LeafFor(part.Spec.Urn));
            }
        }
        else if (transform.Subtransforms.Count > 0)
        {
            graph.ExpandSubtransforms(id, transform, depth);
        }
        else
        {
            graph.Problems.Add(new(id, "combine", Model.Urns.Transforms.CombinePerKey, $"CombinePerKey has no subtransforms and cannot be lifted: {reason}"));
        }
    }
}
