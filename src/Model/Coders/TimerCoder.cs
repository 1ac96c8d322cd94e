namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:timer:v1</c>. Value: <see cref="TimerValue"/>. The user key (nested, key coder), the dynamic
/// timer tag (nested UTF-8), the windows (iterable of the window coder), the clear bit (one byte); then, only
/// when not cleared, the fire timestamp and hold timestamp (shifted 8-byte big-endian ms) and the pane.
/// Components: key coder, window coder.
/// </summary>
public sealed class TimerCoder : Coder<TimerValue>
{
    /// <summary>Creates the coder.</summary>
    public TimerCoder(Coder keyCoder, Coder windowCoder)
        : base(Urns.Coders.Timer, [keyCoder ?? throw new ArgumentNullException(nameof(keyCoder)), windowCoder ?? throw new ArgumentNullException(nameof(windowCoder))])
    {
        KeyCoder = keyCoder;
        WindowCoder = windowCoder;
    }

    /// <summary>The user key component.</summary>
    public Coder KeyCoder { get; }

    /// <summary>The window component.</summary>
    public Coder WindowCoder { get; }

    /// <inheritdoc />
    public override void EncodeValue(TimerValue value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        KeyCoder.Encode(value.UserKey, writer, nested: true);
        StringUtf8Coder.Instance.EncodeValue(value.DynamicTimerTag, writer, nested: true);
        writer.WriteInt32BigEndian(value.Windows.Count);
        foreach (var window in value.Windows)
        {
            WindowCoder.Encode(window, writer, nested: true);
        }

        writer.WriteByte(value.ClearBit ? (byte)1 : (byte)0);
        if (!value.ClearBit)
        {
            writer.WriteTimestampMillis(value.FireTimestampMillis);
            writer.WriteTimestampMillis(value.HoldTimestampMillis);
            PaneInfoEncoding.Write(value.Pane, writer);
        }
    }

    /// <inheritdoc />
    public override TimerValue DecodeValue(ref CoderReader reader, bool nested)
    {
        var key = KeyCoder.Decode(ref reader, nested: true);
        var tag = StringUtf8Coder.Instance.DecodeValue(ref reader, nested: true);
        var at = reader.Position;
        var decoded = new List<object?>(1);
        IterableCoder.ReadElements(ref reader, WindowCoder, Urn, decoded, skip: false, allowStateToken: false);
        var windows = WindowedValueCoder.ToWindows(decoded, WindowCoder, Urn, at);
        var clearAt = reader.Position;
        var clear = reader.ReadByte(Urn) switch
        {
            0 => false,
            1 => true,
            var b => throw new CoderException(Urn, clearAt, $"invalid clear bit 0x{b:x2}"),
        };
        if (clear)
        {
            return TimerValue.Cleared(key, tag, windows);
        }

        var fire = reader.ReadTimestampMillis(Urn);
        var hold = reader.ReadTimestampMillis(Urn);
        var pane = PaneInfoEncoding.Read(ref reader, Urn);
        return new TimerValue(key, tag, windows, false, fire, hold, pane);
    }
}
