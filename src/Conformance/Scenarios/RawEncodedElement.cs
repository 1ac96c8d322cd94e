namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// The value of a TestStream element written as its encoded bytes (<c>raw_hex</c>), sent as
/// <c>TimestampedElement.encoded_element</c> exactly as given, not encoded by the coder: only in a served TestStream
/// whose scenario expects a failure at run (how a runner's refusal of undecodable bytes is reached).
/// </summary>
/// <param name="Bytes">The encoded element bytes.</param>
public sealed record RawEncodedElement(byte[] Bytes);
