using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:custom_window:v1</c>. Value: <see cref="CustomWindow"/> (encoding also accepts any
/// <see cref="BoundedWindow"/> the component encodes). The max timestamp (inclusive, ms) as a shifted 8-byte
/// big-endian timestamp, then the window in the component window coder, in the enclosing context.
/// </summary>
public sealed class CustomWindowCoder : Coder
{
    /// <summary>Creates the coder.</summary>
    public CustomWindowCoder(Coder windowCoder)
        : base(Urns.Coders.CustomWindow, [windowCoder ?? throw new ArgumentNullException(nameof(windowCoder))]) =>
        WindowCoder = windowCoder;

    /// <summary>The component coder of the window itself.</summary>
    public Coder WindowCoder { get; }

    /// <inheritdoc />
    public override void Encode(object? value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case CustomWindow custom:
                writer.WriteTimestampMillis(custom.MaxTimestampMillis);
                WindowCoder.Encode(custom.Window, writer, nested);
                break;
            case BoundedWindow window:
                writer.WriteTimestampMillis(window.MaxTimestampMillis);
                WindowCoder.Encode(window, writer, nested);
                break;
            default:
                throw CannotEncode(value, "a CustomWindow or BoundedWindow");
        }
    }

    /// <inheritdoc />
    public override object? Decode(ref CoderReader reader, bool nested)
    {
        var maxTimestamp = reader.ReadTimestampMillis(Urn);
        return new CustomWindow(maxTimestamp, WindowCoder.Decode(ref reader, nested));
    }

    /// <inheritdoc />
    public override void Skip(ref CoderReader reader, bool nested)
    {
        reader.ReadRaw(Urn, 8);
        WindowCoder.Skip(ref reader, nested);
    }
}
