using BeamConformance.Model.Coders;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// A scenario's <c>beamconformance:coder:custom:NAME:v1</c>: values are <see cref="byte"/>[], encoded in every
/// context as a varint length then the bytes (testdata/README.md). Runners do not know the URN and must treat
/// the encoding as opaque.
/// </summary>
internal sealed class CustomBytesCoder : Coder
{
    public CustomBytesCoder(string urn)
        : base(urn)
    {
    }

    public override void Encode(object? value, CoderWriter writer, bool nested)
    {
        var bytes = Expect<byte[]>(value, "byte[]");
        writer.WriteVarInt64(bytes.Length);
        writer.WriteRaw(bytes);
    }

    public override object? Decode(ref CoderReader reader, bool nested) => reader.ReadLengthPrefixed(Urn).ToArray();

    public override void Skip(ref CoderReader reader, bool nested) => reader.ReadLengthPrefixed(Urn);
}
