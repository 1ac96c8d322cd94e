using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Coders;

/// <summary>One example: the encoded bytes and the YAML value they decode to.</summary>
/// <param name="Line">1-based line of the example.</param>
/// <param name="Encoded">The bytes (one byte per character of the YAML key).</param>
/// <param name="Value">The expected value, in the value shapes of <see cref="CoderVectorValues"/>.</param>
public sealed record CoderVectorExample(int Line, byte[] Encoded, YamlNode Value);
