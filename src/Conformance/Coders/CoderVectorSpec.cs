namespace BeamConformance.Conformance.Coders;

/// <summary>The <c>coder</c> of a vector document; components nest.</summary>
/// <param name="Urn">The coder URN.</param>
/// <param name="Payload">The payload bytes (one byte per character of the YAML string).</param>
/// <param name="Components">The component coders.</param>
/// <param name="NonDeterministic">When true only decoding is checked.</param>
public sealed record CoderVectorSpec(string Urn, byte[] Payload, IReadOnlyList<CoderVectorSpec> Components, bool NonDeterministic)
{
    /// <inheritdoc />
    public override string ToString() => Components.Count == 0 ? Urn : $"{Urn}({string.Join(", ", Components)})";
}
