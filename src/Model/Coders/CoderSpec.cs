namespace BeamConformance.Model.Coders;

/// <summary>
/// A proto-free description of a pipeline's <c>Coder</c> message: <c>spec.urn</c>, <c>spec.payload</c> and
/// <c>component_coder_ids</c> (ids into the pipeline's <c>Components.coders</c>).
/// </summary>
/// <param name="Urn">The coder URN.</param>
/// <param name="Payload">The coder payload (a serialized Schema for rows, a windowed value for param_windowed_value).</param>
/// <param name="ComponentCoderIds">The component coder ids, in order.</param>
public sealed record CoderSpec(string Urn, ReadOnlyMemory<byte> Payload, IReadOnlyList<string> ComponentCoderIds)
{
    /// <summary>A spec with no payload.</summary>
    public CoderSpec(string urn, params string[] componentCoderIds) : this(urn, ReadOnlyMemory<byte>.Empty, componentCoderIds) { }
}
