namespace BeamConformance.Conformance.Scenarios;

/// <summary>A leaf transform of a scenario pipeline; its <see cref="Name"/> is also its transform id.</summary>
/// <param name="Name">Unique name and id.</param>
/// <param name="Urn">The URN (standard, ours, or any URN when <paramref name="Opaque"/>).</param>
/// <param name="Inputs">Main-input PCollection ids, in order.</param>
/// <param name="SideInputs">Side inputs by local name (read_side_inputs only).</param>
/// <param name="Outputs">Output tag → PCollection id.</param>
/// <param name="Payload">The typed payload.</param>
/// <param name="Opaque">True for a URN outside our tables, submitted without payload or environment.</param>
/// <param name="Location">Where it is written.</param>
public sealed record TransformSpec(
    string Name,
    string Urn,
    IReadOnlyList<string> Inputs,
    IReadOnlyDictionary<string, SideInputSpec> SideInputs,
    IReadOnlyDictionary<string, string> Outputs,
    TransformPayload Payload,
    bool Opaque,
    SourceLocation Location)
{
    /// <summary>
    /// The PTransform's <c>unique_name</c> when the scenario gives one (<c>unique_name:</c>), else null: the name is
    /// then <see cref="Name"/>, which is always the transform id. A runner's messages may name a transform by both.
    /// </summary>
    public string? UniqueName { get; init; }

    /// <summary>
    /// The PTransform's <c>environment_id</c> when the scenario sets it (<c>environment:</c>, possibly empty for none),
    /// else null: the builder's choice (the FakeHarness's environment for an SDK transform, none for a runner one).
    /// </summary>
    public string? EnvironmentId { get; init; }

    /// <summary>
    /// The PTransform's <c>subtransforms</c> (scenario transform names) when the scenario gives them
    /// (<c>subtransforms:</c>), else null. With them the transform is a composite: the builder sends exactly these parts
    /// (none of its own expansion of a combine or Reshuffle), and the transforms named are not roots.
    /// </summary>
    public IReadOnlyList<string>? Subtransforms { get; init; }

    /// <summary>
    /// How many nested composites (<c>wrapped_in:</c>; 0 when absent) enclose the transform: <c>NAME/wrap1</c> holds it,
    /// <c>NAME/wrap2</c> holds <c>NAME/wrap1</c>, and so on; the outermost is the root. Each has no spec and the transform's
    /// inputs and outputs.
    /// </summary>
    public int WrappedIn { get; init; }

    /// <summary>
    /// The <c>pardo_payload</c> key: ParDoPayload fields that replace the builder's (hostile pipelines); null when absent.
    /// </summary>
    public ParDoPayloadOverrides? PayloadOverrides { get; init; }

    /// <summary>
    /// The PTransform's <c>annotations</c> (<c>annotations:</c>, key → value; each value is sent as its UTF-8 bytes),
    /// empty when the scenario gives none. A runner that rewrites the transform (combiner lifting, splittable DoFn
    /// expansion) copies them to the parts it sends the harness.
    /// </summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
