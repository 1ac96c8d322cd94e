using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:interval_window:v1</c>. Value: <see cref="IntervalWindow"/>. The end (exclusive, ms) as a
/// shifted 8-byte big-endian timestamp, then the span <c>end - start</c> in ms as a varint.
/// </summary>
public sealed class IntervalWindowCoder : Coder<IntervalWindow>
{
    private IntervalWindowCoder() : base(Urns.Coders.IntervalWindow) { }

    /// <summary>The one instance.</summary>
    public static IntervalWindowCoder Instance { get; } = new();

    /// <inheritdoc />
    public override void EncodeValue(IntervalWindow value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteTimestampMillis(value.EndMillis);
        writer.WriteVarInt64(value.EndMillis - value.StartMillis);
    }

    /// <inheritdoc />
    public override IntervalWindow DecodeValue(ref CoderReader reader, bool nested)
    {
        var end = reader.ReadTimestampMillis(Urn);
        var span = reader.ReadVarInt64(Urn);
        return new IntervalWindow(end - span, end);
    }

    /// <inheritdoc />
    public override void Skip(ref CoderReader reader, bool nested)
    {
        reader.ReadRaw(Urn, 8);
        reader.ReadVarInt64(Urn);
    }
}
