namespace BeamConformance.Model.Coders;

/// <summary>
/// The pane encoding inside <c>beam:coder:windowed_value:v1</c> and <c>beam:coder:timer:v1</c> (Java
/// <c>PaneInfoCoder</c>): a byte whose low nibble is <see cref="PaneInfo.Tag"/> and whose high nibble picks
/// 0 = no index, 1 = one varint index, 2 = varint index and varint on-time index.
/// </summary>
/// <remarks>
/// The writer picks the form as Beam's SDKs do: form 0 when the index and on-time index are both 0 or the timing
/// is UNKNOWN (whose indices are then not carried); form 1 when the on-time index equals the index or the pane is
/// EARLY (on-time index -1); form 2 otherwise. Hence an EARLY first pane (index 0, on-time -1) encodes as
/// <c>0x?1 0x00</c> form 1, e.g. <c>11 00</c>. Form 0 decodes to index 0, on-time index 0 (-1 when EARLY).
/// </remarks>
public static class PaneInfoEncoding
{
    /// <summary>Appends the encoding of <paramref name="pane"/>.</summary>
    public static void Write(PaneInfo pane, CoderWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var tag = pane.Tag;
        if ((pane.Index == 0 && pane.OnTimeIndex == 0) || pane.Timing == PaneTiming.Unknown)
        {
            writer.WriteByte(tag);
        }
        else if (pane.Index == pane.OnTimeIndex || pane.Timing == PaneTiming.Early)
        {
            writer.WriteByte((byte)(0x10 | tag));
            writer.WriteVarInt64(pane.Index);
        }
        else
        {
            writer.WriteByte((byte)(0x20 | tag));
            writer.WriteVarInt64(pane.Index);
            writer.WriteVarInt64(pane.OnTimeIndex);
        }
    }

    /// <summary>Reads one pane; <paramref name="urn"/> names the enclosing coder in errors.</summary>
    /// <exception cref="CoderException">Truncated, or an encoding nibble other than 0, 1, 2.</exception>
    public static PaneInfo Read(ref CoderReader reader, string urn)
    {
        var at = reader.Position;
        var first = reader.ReadByte(urn);
        var pane = PaneInfo.FromTag((byte)(first & 0x0F));
        switch (first >> 4)
        {
            case 0:
                return pane;
            case 1:
                var index = reader.ReadVarInt64(urn);
                return pane with { Index = index, OnTimeIndex = pane.Timing == PaneTiming.Early ? -1 : index };
            case 2:
                var index2 = reader.ReadVarInt64(urn);
                var onTime = reader.ReadVarInt64(urn);
                return pane with { Index = index2, OnTimeIndex = onTime };
            default:
                throw new CoderException(urn, at, $"unknown pane encoding {first >> 4} in pane byte 0x{first:x2}");
        }
    }

    /// <summary>Advances past one pane without building it.</summary>
    public static void Skip(ref CoderReader reader, string urn) => _ = Read(ref reader, urn);
}
