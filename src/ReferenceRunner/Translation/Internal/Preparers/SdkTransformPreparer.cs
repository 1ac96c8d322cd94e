namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// A family an SDK harness runs inside an executable stage: the leaf needs a main input (sources start from an
/// Impulse) and an <c>environment_id</c> naming an environment of the pipeline. Families without checks of their
/// own are instances of this class; ParDo derives from it.
/// </summary>
/// <param name="family">The family's name.</param>
/// <param name="urns">The URNs it is registered under (none for the capability fallback).</param>
internal class SdkTransformPreparer(string family, params string[] urns) : LeafPreparer
{
    /// <inheritdoc />
    public override string Family { get; } = family;

    /// <inheritdoc />
    public override IReadOnlyList<string> Urns { get; } = urns;

    /// <inheritdoc />
    public sealed override bool RunsInSdk => true;

    /// <inheritdoc />
    public override string? ShapeProblem(Leaf leaf) =>
        leaf.MainInputs.Count == 0 ? "an SDK-executed transform needs a main input (sources start from an Impulse)" : null;

    /// <inheritdoc />
    public override void Check(PipelineGraph graph, Leaf leaf, List<ValidationProblem> problems)
    {
        if (leaf.EnvironmentId.Length == 0)
        {
            problems.Add(new(leaf.Id, "environment", "", "an SDK-executed transform has no environment_id"));
        }
        else if (!graph.Components.Environments.ContainsKey(leaf.EnvironmentId))
        {
            problems.Add(new(leaf.Id, "environment", leaf.EnvironmentId, $"environment '{leaf.EnvironmentId}' does not exist"));
        }
    }
}
