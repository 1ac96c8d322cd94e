using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:windowed_value:v1</c>. Value: <see cref="WindowedValue{T}"/> of <see cref="object"/>.
/// The timestamp (shifted 8-byte big-endian ms), the windows as an iterable of the window coder (int32 count then
/// each window), the pane (<see cref="PaneInfoEncoding"/>), then the element in the enclosing context.
/// Components: element coder, window coder.
/// </summary>
/// <remarks>Impulse's element (empty bytes, global window, min timestamp, no firing), nested, is
/// <c>7f df 3b 64 5a 1c ac 09 00 00 00 01 0f 00</c>.</remarks>
public sealed class WindowedValueCoder : Coder<WindowedValue<object?>>
{
    private static readonly BoundedWindow[] OnlyGlobalWindow = [GlobalWindow.Instance];

    /// <summary>Creates the coder.</summary>
    public WindowedValueCoder(Coder valueCoder, Coder windowCoder)
        : base(Urns.Coders.WindowedValue, [valueCoder ?? throw new ArgumentNullException(nameof(valueCoder)), windowCoder ?? throw new ArgumentNullException(nameof(windowCoder))])
    {
        ValueCoder = valueCoder;
        WindowCoder = windowCoder;
    }

    /// <summary>The element component.</summary>
    public Coder ValueCoder { get; }

    /// <summary>The window component.</summary>
    public Coder WindowCoder { get; }

    /// <inheritdoc />
    public override void EncodeValue(WindowedValue<object?> value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteHeader(new WindowedValueHeader(value.TimestampMillis, value.Windows, value.Pane), writer);
        ValueCoder.Encode(value.Value, writer, nested);
    }

    /// <summary>Writes timestamp, windows and pane; the caller then writes the element with <see cref="ValueCoder"/>.</summary>
    public void WriteHeader(WindowedValueHeader header, CoderWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header.Windows);
        writer.WriteTimestampMillis(header.TimestampMillis);
        writer.WriteInt32BigEndian(header.Windows.Count);
        for (var i = 0; i < header.Windows.Count; i++)
        {
            WindowCoder.Encode(header.Windows[i], writer, nested: true);
        }

        PaneInfoEncoding.Write(header.Pane, writer);
    }

    /// <inheritdoc />
    public override WindowedValue<object?> DecodeValue(ref CoderReader reader, bool nested)
    {
        var header = ReadHeader(ref reader);
        var value = ValueCoder.Decode(ref reader, nested);
        return new WindowedValue<object?>(value, header.TimestampMillis, header.Windows, header.Pane);
    }

    /// <summary>Reads timestamp, windows and pane, leaving the reader at the element's bytes.</summary>
    /// <exception cref="CoderException">Invalid bytes, or a window coder that does not produce windows.</exception>
    public WindowedValueHeader ReadHeader(ref CoderReader reader)
    {
        var timestamp = reader.ReadTimestampMillis(Urn);
        var windows = ReadWindows(ref reader);
        var pane = PaneInfoEncoding.Read(ref reader, Urn);
        return new WindowedValueHeader(timestamp, windows, pane);
    }

    /// <inheritdoc />
    public override void Skip(ref CoderReader reader, bool nested)
    {
        reader.ReadRaw(Urn, 8);
        IterableCoder.ReadElements(ref reader, WindowCoder, Urn, null, skip: true, allowStateToken: false);
        PaneInfoEncoding.Skip(ref reader, Urn);
        ValueCoder.Skip(ref reader, nested);
    }

    private BoundedWindow[] ReadWindows(ref CoderReader reader)
    {
        var at = reader.Position;
        if (WindowCoder is GlobalWindowCoder && reader.Remaining >= 4)
        {
            var count = reader.ReadInt32BigEndian(Urn);
            if (count == 1)
            {
                return OnlyGlobalWindow;
            }

            if (count < 0)
            {
                throw new CoderException(Urn, at, $"invalid window count {count}");
            }

            return Enumerable.Repeat<BoundedWindow>(GlobalWindow.Instance, count).ToArray();
        }

        var known = reader.Remaining >= 4 ? PeekInt32(ref reader) : -1;
        if (known >= 0 && known <= reader.Remaining)
        {
            reader.ReadInt32BigEndian(Urn);
            var windows = new BoundedWindow[known];
            for (var i = 0; i < known; i++)
            {
                var window = WindowCoder.Decode(ref reader, nested: true);
                windows[i] = window as BoundedWindow ?? throw NotAWindow(WindowCoder, window, Urn, at);
            }

            return windows;
        }

        var decoded = new List<object?>(1);
        IterableCoder.ReadElements(ref reader, WindowCoder, Urn, decoded, skip: false, allowStateToken: false);
        return ToWindows(decoded, WindowCoder, Urn, at);
    }

    private static int PeekInt32(ref CoderReader reader)
    {
        var copy = reader;
        return copy.ReadInt32BigEndian(Urns.Coders.WindowedValue);
    }

    private static CoderException NotAWindow(Coder windowCoder, object? value, string urn, int at) =>
        new(urn, at, $"window coder {windowCoder.Urn} decoded a {value?.GetType().Name ?? "null"}, not a window; use beam:coder:custom_window:v1 for windows the runner does not know");

    /// <summary>Checks every decoded window is a <see cref="BoundedWindow"/>.</summary>
    internal static BoundedWindow[] ToWindows(List<object?> decoded, Coder windowCoder, string urn, int at)
    {
        var windows = new BoundedWindow[decoded.Count];
        for (var i = 0; i < windows.Length; i++)
        {
            windows[i] = decoded[i] as BoundedWindow ?? throw NotAWindow(windowCoder, decoded[i], urn, at);
        }

        return windows;
    }
}
