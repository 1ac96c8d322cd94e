namespace BeamConformance.Model;

/// <summary>
/// Which firing of a window produced an element (the model's <c>PaneInfo</c>).
/// </summary>
/// <param name="IsFirst">True for the first pane fired for the window.</param>
/// <param name="IsLast">True for the last pane the window will ever fire.</param>
/// <param name="Timing">Early, on time, late or unknown.</param>
/// <param name="Index">0-based index of this pane among all panes of the window.</param>
/// <param name="OnTimeIndex">0-based index among non-early panes; -1 for early panes.</param>
/// <remarks>
/// Wire form (Java <c>PaneInfoCoder</c>): one byte whose low nibble is
/// <c>first | last&lt;&lt;1 | timing&lt;&lt;2</c> and whose high nibble picks the encoding:
/// 0 = no indices follow (index 0, on-time index 0, or -1 for early; also used for every UNKNOWN pane),
/// 1 = one varint index follows (on-time index equal to it, or -1 when early),
/// 2 = varint index then varint on-time index.
/// </remarks>
public readonly record struct PaneInfo(bool IsFirst, bool IsLast, PaneTiming Timing, long Index, long OnTimeIndex)
{
    /// <summary>The pane of an element no trigger produced: first, last, UNKNOWN, index 0. Encodes as <c>0x0F</c>.</summary>
    public static PaneInfo NoFiring { get; } = new(true, true, PaneTiming.Unknown, 0, 0);

    /// <summary>The only pane of the default trigger for a window: first, last, ON_TIME, index 0. Encodes as <c>0x07</c>.</summary>
    public static PaneInfo OnTimeAndOnly { get; } = new(true, true, PaneTiming.OnTime, 0, 0);

    /// <summary>The low nibble of the first encoded byte: first | last &lt;&lt; 1 | timing &lt;&lt; 2.</summary>
    public byte Tag => (byte)((IsFirst ? 1 : 0) | (IsLast ? 2 : 0) | ((int)Timing << 2));

    /// <summary>
    /// Builds the pane for a tag nibble with no indices on the wire (encoding 0):
    /// index 0, on-time index 0 (or -1 when the timing is early).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The tag is above 0x0F.</exception>
    public static PaneInfo FromTag(byte tag)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tag, (byte)0x0F);
        var timing = (PaneTiming)(tag >> 2);
        return new PaneInfo((tag & 1) != 0, (tag & 2) != 0, timing, 0, timing == PaneTiming.Early ? -1 : 0);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Pane({Timing}, index={Index}, onTimeIndex={OnTimeIndex}{(IsFirst ? ", first" : "")}{(IsLast ? ", last" : "")})";
}
