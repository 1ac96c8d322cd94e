using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// What the translation does with one transform family, registered by URN in <see cref="TransformPreparers"/>
/// (the Prism runner's handlers are the model): how a transform of the family is expanded into the leaves the
/// runner runs. Leaf families derive from <see cref="LeafPreparer"/>; a family that rewrites itself into other
/// leaves (combiner lifting) overrides <see cref="Expand"/>.
/// </summary>
internal abstract class TransformPreparer
{
    /// <summary>The family's name in messages and in the README's table, e.g. <c>GroupByKey</c>.</summary>
    public abstract string Family { get; }

    /// <summary>The exact <c>FunctionSpec.urn</c>s the family is registered under (<see cref="Model.Urns.Transforms"/>).</summary>
    public abstract IReadOnlyList<string> Urns { get; }

    /// <summary>
    /// True when a transform with <paramref name="urn"/> is handled by this family even if it lists subtransforms
    /// (the runner implements it and ignores the SDK's expansion); false when only a leaf is, a composite's
    /// subtransforms being expanded instead.
    /// </summary>
    /// <param name="urn">One of <see cref="Urns"/>.</param>
    public virtual bool ReplacesSubtransforms(string urn) => false;

    /// <summary>Adds the transform to <paramref name="graph"/>: as one leaf, or rewritten into several.</summary>
    /// <param name="graph">The graph being expanded (its components may gain the transforms and PCollections a rewrite adds).</param>
    /// <param name="id">The transform id.</param>
    /// <param name="transform">The transform.</param>
    /// <param name="depth">Its composite nesting depth (1 for a root), for expanding its subtransforms.</param>
    public abstract void Expand(PipelineGraph graph, string id, Proto.PTransform transform, int depth);
}
